package graph

// generated.go and model/models_gen.go are gqlgen's output, as it writes
// them; compiled_fields.go, the compiled executor's field table, is
// written from gqlgen's view of the same schema (internal/fieldgen).
//go:generate go -C .. tool gqlgen generate
//go:generate go -C .. run ./graph/internal/fieldgen
