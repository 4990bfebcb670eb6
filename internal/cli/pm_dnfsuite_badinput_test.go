package cli

// Bad input in the dnf scenario suite (issue 15, "Bad input"): unknown options and
// commands, malformed specs, broken RPM files and unreachable URLs get dnf's exit codes
// (and the packages stay as they were). The scenarios of this kind that the main table
// already has (unknown option, unknown command, empty/garbage/missing RPM files, HTTP 404)
// are in pm_dnfsuite_cases_test.go; these add the rest. "bad input: " names them in -run.

// deadURL is a loopback port nothing listens on (port 1 needs root to bind; nobody does).
const deadURL = "http://127.0.0.1:1/"

func badInputScenarios() []scenario {
	return []scenario{
		// unknown options and commands
		sc("bad input: unknown option after the command", "1", 2, a("install", "--no-such-option", "lib")).without("lib"),
		sc("bad input: unknown module subcommand", "m", 2, a("module", "no-such-subcommand")),
		sc("bad input: module without a subcommand", "m", 2, a("module")),
		// dnf(8): history [list] [<spec>...]: an unknown word is a package spec, not an error
		sc("bad input: unknown history subcommand", "1", 0, a("history", "no-such-subcommand")),
		sc("bad input: unknown group subcommand", "1", 1, a("group", "no-such-subcommand")),
		// dnf warns "Setopt argument has no value" and goes on
		sc("bad input: --setopt without a value", "1", 0, a("--setopt=gpgcheck", "install", "lib")).with(lib1),
		sc("bad input: --releasever without a value", "1", 1, a("install", "lib", "--releasever")).without("lib"),
		sc("bad input: -x without a value", "1", 1, a("install", "lib", "-x")).without("lib"),
		sc("bad input: bad installroot option value", "1", 1, a("--setopt=installonly_limit=many", "install", "lib")).without("lib"),
		// malformed specs
		sc("bad input: unbalanced parenthesis", "1", 1, a("install", "lib(")).without("lib"),
		sc("bad input: relation without a version", "1", 1, a("install", "lib >=")).without("lib"),
		sc("bad input: empty spec", "1", 1, a("install", "")),
		sc("bad input: bare @", "1", 1, a("install", "@")),
		sc("bad input: spec of dashes", "1", 1, a("install", "lib--")).without("lib"),
		sc("bad input: epoch that is not a number", "1", 1, a("install", "lib-x:1.0-1.noarch")).without("lib"),
		// hawkey reads a rich dependency as a provides over its alternatives (dnf installs extra)
		sc("bad input: rich dependency spec", "1", 0, a("install", "(lib or extra)")),
		sc("bad input: remove of a malformed spec", "1", 0, a("install", "lib"), a("remove", "lib(")).with(lib1),
		sc("bad input: module spec with too many parts", "m", 1, a("module", "enable", "nodejs:18:1:2:3:4")),
		sc("bad input: module spec of an empty name", "m", 1, a("module", "enable", ":18")),
		// broken RPM files and URLs
		sc("bad input: upgrade from a garbage rpm file", "1", 1, a("install", "lib"), a("upgrade", "{local}/garbage.rpm")).with(lib1),
		sc("bad input: reinstall from an empty rpm file", "1", 1, a("install", "lib"), a("reinstall", "{local}/empty.rpm")).with(lib1),
		sc("bad input: rpm URL of an unreachable server", "1", 1, a("install", deadURL+"x-1.0-1.noarch.rpm")),
		// A refused repomd.xml fails dnf at once (librepo tries each mirror of a metadata file
		// once); so does nimbus (Request.FailFast), with dnf's default retries=10.
		sc("bad input: repository of an unreachable server", "", 1, a("--repofrompath=dead,"+deadURL, "install", "lib")),
		sc("bad input: unreachable repository skipped with skip_if_unavailable", "", 1, a("--repofrompath=dead,"+deadURL, "--setopt=dead.skip_if_unavailable=1", "install", "lib")),
		sc("bad input: repository path that does not exist", "", 1, a("--repofrompath=gone,/nonexistent/repo", "install", "lib")),
		sc("bad input: repository directory without metadata", "", 1, a("--repofrompath=bare,{local}/..", "install", "lib")),
		sc("bad input: malformed URL", "1", 1, a("install", "http://[::1/x.rpm")),
	}
}

// known_ marks a scenario as a known difference of nimbus, with the reason (docs/pm.md).
func (s scenario) known_(why string) scenario { s.known = why; return s }
