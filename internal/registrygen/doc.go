// Registrygen generates data/actors-sanctions.yaml, the actor registry's
// entries for the entities of the UN Security Council Consolidated Sanctions
// List that data/actors.yaml does not already describe.
//
// Usage, from the module root:
//
//	go run ./internal/registrygen [-list ../shared/reference/un-sanctions-list.json] [-o data/actors-sanctions.yaml]
//
// An entity whose reference number (QDe.134) a curated entry of actors.yaml
// carries in its sanctions field is left out: the curated entry wins. Aliases
// in other scripts, aliases that are plain English phrases ("The Youth",
// "Ministry of Defence"), aliases shared by two listed entities and aliases
// the curated registry already uses are dropped, so every generated alias
// resolves to exactly one actor. The test checks that the committed file is
// what the generator makes from the shared list.
package main
