package graph_test

import "github.com/resgraph/resgraph/loader"

var loaderVersion = loader.Version
