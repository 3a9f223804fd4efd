//go:build tools

// Package tools pins kube-router, whose firewall enforces NetworkPolicies on the real node (test
// infrastructure only, never shipped: see e2e/cluster/README.md). build.sh --node compiles it.
package tools

import _ "github.com/cloudnativelabs/kube-router/v2/cmd/kube-router"
