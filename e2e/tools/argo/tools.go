//go:build tools

// Package tools pins the commands that build.sh --bench compiles.
package tools

import (
	_ "github.com/argoproj/argo-workflows/v4/cmd/workflow-controller"
)
