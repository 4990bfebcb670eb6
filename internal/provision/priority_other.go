//go:build !linux

package provision

func lowerThreadPriority() {}
