package graph

// generated.go and model/models_gen.go are gqlgen's output, as it writes
// them.
//go:generate go -C .. tool gqlgen generate
