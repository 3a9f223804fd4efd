//go:build tools

// Package tools pins the commands that build.sh --bench compiles.
package tools

import (
	_ "github.com/tektoncd/pipeline/cmd/controller"
)
