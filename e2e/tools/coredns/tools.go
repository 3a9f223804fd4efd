//go:build tools

// Package tools pins CoreDNS, which build.sh --node compiles for the real node's cluster DNS.
package tools

import _ "github.com/coredns/coredns"
