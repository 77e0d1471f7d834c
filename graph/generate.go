package graph

// gqlgen writes generated.go; inlinelists then makes its lists marshal
// without a goroutine per element (see lists.go).
//go:generate go -C .. tool gqlgen generate
//go:generate go run ./internal/inlinelists generated.go
