package units

import "github.com/nimbus-linux/nimbus/internal/lazy"

// notEnforced are systemd directives Nimbus knows and accepts without enforcing them: the
// sandbox (namespaces, seccomp, capabilities), resource control beyond Limit*= and a few
// dependency kinds. Each is listed once per unit (Unit.NotEnforced) and the service starts
// as systemd would start it, only without that protection. docs/init.md lists them. The
// set is built when first used, not when a program linking the package starts.
var notEnforced = lazy.Value[map[string]bool]{New: func() map[string]bool {
	notEnforced := map[string]bool{}
	for _, sec := range []struct {
		name string
		keys []string
	}{
		{"Unit", []string{"OnFailure", "OnSuccess", "PartOf", "StopWhenUnneeded", "RequiresMountsFor",
			"WantsMountsFor", "JoinsNamespaceOf", "Upholds", "PropagatesReloadTo", "ReloadPropagatedFrom",
			"CollectMode", "FailureAction", "SuccessAction", "JobTimeoutSec", "OnFailureJobMode",
			"StartLimitAction", "ConditionSecurity", "ConditionCapability", "ConditionACPower",
			"ConditionControlGroupController", "ConditionMemory", "ConditionCPUs", "AssertSecurity"}},
		{"Service", serviceExecNotEnforced},
		{"Socket", append([]string{"SocketProtocol", "BindIPv6Only", "Backlog", "KeepAlive",
			"NoDelay", "Priority", "ReceiveBuffer", "SendBuffer", "PassCredentials", "PassSecurity",
			"FreeBind", "Transparent", "Broadcast", "ReusePort", "SELinuxContextFromNet", "Symlinks",
			"Timestamping", "DirectoryMode", "TriggerLimitIntervalSec", "TriggerLimitBurst",
			"RemoveOnStop", "MaxConnections", "MaxConnectionsPerSource", "PollLimitIntervalSec",
			"PollLimitBurst", "FlushPending", "DeferAcceptSec", "Writable"}, serviceExecNotEnforced...)},
	} {
		for _, k := range sec.keys {
			notEnforced[sec.name+"."+k] = true
		}
	}
	return notEnforced
}}

// serviceExecNotEnforced are the exec and resource-control settings shared by services and
// sockets that Nimbus does not apply.
var serviceExecNotEnforced = []string{
	// sandboxing
	"ProtectSystem", "ProtectHome", "PrivateTmp", "PrivateDevices", "PrivateNetwork", "PrivateUsers",
	"PrivateMounts", "PrivateIPC", "ProtectKernelTunables", "ProtectKernelModules", "ProtectKernelLogs",
	"ProtectControlGroups", "ProtectClock", "ProtectHostname", "ProtectProc", "ProcSubset",
	"NoNewPrivileges", "RestrictNamespaces", "RestrictRealtime", "RestrictSUIDSGID",
	"RestrictAddressFamilies", "RestrictFileSystems", "LockPersonality", "MemoryDenyWriteExecute",
	"SystemCallFilter", "SystemCallArchitectures", "SystemCallErrorNumber", "SystemCallLog",
	"CapabilityBoundingSet", "AmbientCapabilities", "SecureBits", "ReadWritePaths", "ReadOnlyPaths",
	"InaccessiblePaths", "ExecPaths", "NoExecPaths", "ReadWriteDirectories", "ReadOnlyDirectories",
	"InaccessibleDirectories", "BindPaths", "BindReadOnlyPaths", "TemporaryFileSystem", "MountFlags",
	"DevicePolicy", "DeviceAllow", "IPAddressDeny", "IPAddressAllow", "IPAccounting", "RemoveIPC",
	"KeyringMode", "DynamicUser", "SupplementaryGroups", "PAMName", "SELinuxContext",
	"AppArmorProfile", "SmackProcessLabel", "RootDirectory", "RootImage", "MountAPIVFS",
	"ProtectKernelModules", "NetworkNamespacePath", "IPCNamespacePath", "LoadCredential",
	"SetCredential", "LoadCredentialEncrypted", "SetCredentialEncrypted", "ImportCredential",
	"RuntimeDirectoryPreserve", "TTYPath", "TTYReset", "TTYVHangup", "TTYVTDisallocate",
	"UtmpIdentifier", "UtmpMode", "IgnoreSIGPIPE", "LogRateLimitIntervalSec", "LogRateLimitBurst",
	"LogExtraFields", "LogLevelMax", "LogNamespace", "Personality",
	// scheduling and resource control
	"Nice", "OOMScoreAdjust", "OOMPolicy", "IOSchedulingClass", "IOSchedulingPriority",
	"CPUSchedulingPolicy", "CPUSchedulingPriority", "CPUSchedulingResetOnFork", "CPUAffinity",
	"NUMAPolicy", "NUMAMask", "TimerSlackNSec", "Slice", "Delegate", "TasksMax", "TasksAccounting",
	"CPUAccounting", "CPUWeight", "StartupCPUWeight", "CPUShares", "CPUQuota", "CPUQuotaPeriodSec",
	"MemoryAccounting", "MemoryMin", "MemoryLow", "MemoryHigh", "MemoryMax", "MemorySwapMax",
	"MemoryLimit", "IOAccounting", "IOWeight", "StartupIOWeight", "BlockIOAccounting",
	"BlockIOWeight", "ManagedOOMSwap", "ManagedOOMMemoryPressure", "OOMScoreAdjust",
	// service behaviour not implemented
	"WatchdogSec", "WatchdogSignal", "FileDescriptorStoreMax", "FileDescriptorStorePreserve",
	"USBFunctionDescriptors", "USBFunctionStrings", "ExitType", "TimeoutAbortSec",
	"TimeoutStartFailureMode", "TimeoutStopFailureMode", "RuntimeMaxSec", "RuntimeRandomizedExtraSec",
	"RestartKillSignal", "RestartMode", "ReloadSignal", "ExecCondition", "BusName", "Sockets",
	"OpenFile", "RestartForceExitStatus", "StartLimitAction", "FailureAction", "SuccessAction",
}
