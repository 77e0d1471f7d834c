package graph

// gqlgen writes generated.go; postgen then swaps two costly calls of its
// executor for cheaper ones of this package (see lists.go).
//go:generate go -C .. tool gqlgen generate
//go:generate go run ./internal/postgen generated.go
