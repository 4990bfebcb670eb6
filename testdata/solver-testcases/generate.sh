#!/usr/bin/env bash
# testdata/solver-testcases/generate.sh: writes the real-world-style solver testcases
# from the repository's real data (CentOS Stream 9 AppStream, Debian 12 main) and records
# libsolv's testsolv's answers as their expected results. The testcases look like the ones
# zypper and dnf write for bug reports: repositories in compressed testtags files beside the
# testcase, an installed system, one or more job sections, results inline or in .r files.
#
#   bash testdata/solver-testcases/generate.sh     (from anywhere; needs go, testsolv, xz, gzip)
#
# Each case file is cases/*.txt in this folder: one section per line, "JOB; JOB; ...",
# optionally "solverflags F ..." among them; a line "## file NAME [result-files]" starts a
# testcase file. Rerunning rewrites everything below appstream/ and debian/.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
for tool in go testsolv xz gzip; do
	command -v "$tool" >/dev/null || { echo "generate.sh: $tool not found (libsolv-tools, xz-utils, gzip)" >&2; exit 2; }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$root" && go build -o "$work/nimbus" ./cmd/nimbus)

# repo_of TESTCASE NAME: the inline testtags block of repo NAME, without "#>".
repo_of() {
	awk -v want="$2" '
		/^repo / { inrepo = ($2 == want); next }
		/^#>/ { if (inrepo) { sub(/^#>/, ""); print }; next }
		{ inrepo = 0 }' "$1"
}

# system_from REPOFILE INSTALLS MODE: a testtags system made of the packages testsolv
# installed (INSTALLS: its "install N-EVR.A@repo" lines). MODE "oldest" takes for each the
# first version of the same name and arch the repository lists (often an older build);
# MODE "tilde" keeps the package but appends "~old" to the releases of every other EVR
# (Debian: "~" sorts before anything), rewriting "= EVR" dependencies on them to match.
system_from() {
	awk -v mode="$3" '
		FNR == NR {
			sub(/^install /, ""); sub(/@[^@]*$/, ""); want[$0] = 1; next
		}
		/^=Pkg: / {
			split($0, f, " "); name = f[2]; v = f[3]; r = f[4]; a = f[5]
			evr = (r == "-") ? v : v "-" r
			cur = name "-" evr "." a
			blk[cur] = $0 "\n"; order[++n] = cur; na[cur] = name "." a
			if (!(name "." a in first)) first[name "." a] = cur
			next
		}
		{ if (cur != "") blk[cur] = blk[cur] $0 "\n" }
		END {
			for (i = 1; i <= n; i++) {
				k = order[i]
				if (!(k in want)) continue
				if (mode == "oldest") { printf "%s", blk[first[na[k]]]; continue }
				split(blk[k], lines, "\n"); split(lines[1], f, " ")
				evr = (f[4] == "-") ? f[3] : f[3] "-" f[4]
				if (++g[evr] == 1) { grp++; old[evr] = (grp % 2 == 0) }
				out = blk[k]
				if (old[evr]) {
					nevr = evr "~old"
					out = ""
					for (j = 1; j in lines; j++) {
						l = lines[j]
						if (l == "") continue
						if (j == 1) {
							if (f[4] == "-") l = "=Pkg: " f[2] " " f[3] "~old - " f[5]
							else l = "=Pkg: " f[2] " " f[3] " " f[4] "~old " f[5]
						} else if (l ~ (" = " evr "$")) {
							sub(/ = [^ ]*$/, " = " nevr, l)
						}
						out = out l "\n"
					}
				}
				printf "%s", out
			}
		}' "$2" "$1"
}

# cases DIR HEADER CASEFILE: writes the testcase files of CASEFILE into DIR, each with
# HEADER (repo and system lines), and fills their results with testsolv's.
cases() {
	local dir=$1 header=$2 cf=$3 file="" sec=0 rfiles=""
	flush() {
		[ -n "$file" ] || return 0
		# solve with testsolv and write its answers as the expected results
		(cd "$dir" && testsolv -r "$file.t") >"$work/res" || { echo "testsolv failed on $file.t" >&2; exit 1; }
		awk -v secs="$sec" -v dir="$dir" -v file="$file" -v rfiles="$rfiles" '
			BEGIN { s = 1; if (secs == 1) started = 1 }
			/^test [0-9]+:$/ { s = $2 + 0; next }
			{ res[s] = res[s] $0 "\n" }
			END {
				nr = split(rfiles, rf, ",")
				for (i = 1; i <= nr; i++) ext[rf[i] + 0] = 1
				n = 0
				while ((getline l < (dir "/" file ".t.in")) > 0) {
					if (l ~ /^result /) {
						n++
						if (n in ext) {
							r = sprintf("%s-%d.r", file, n)
							printf "%s", res[n] > (dir "/" r); close(dir "/" r)
							print "result transaction,problems " r > (dir "/" file ".t")
						} else {
							print "result transaction,problems <inline>" > (dir "/" file ".t")
							m = split(res[n], rl, "\n")
							for (j = 1; j < m; j++) print "#>" rl[j] > (dir "/" file ".t")
						}
						continue
					}
					print l > (dir "/" file ".t")
				}
			}' "$work/res"
		rm "$dir/$file.t.in"
		(cd "$dir" && testsolv "$file.t" >/dev/null) || { echo "testsolv disagrees with its own result on $file.t" >&2; exit 1; }
		echo "$dir/$file.t: $sec sections"
	}
	while IFS= read -r line; do
		case "$line" in
		"" | "# "*) continue ;;
		"## file "*)
			flush
			set -- ${line#"## file "}
			file=$1 rfiles=${2:-} sec=0
			printf '%s\n' "$header" >"$dir/$file.t.in"
			;;
		*)
			sec=$((sec + 1))
			[ "$sec" -gt 1 ] && echo nextjob >>"$dir/$file.t.in"
			IFS=';' read -ra jobs <<<"$line"
			for j in "${jobs[@]}"; do
				j=$(echo "$j" | sed 's/^ *//; s/ *$//')
				case "$j" in
				solverflags* | disable*) echo "$j" ;;
				*) echo "job $j" ;;
				esac
			done >>"$dir/$file.t.in"
			echo "result transaction,problems <inline>" >>"$dir/$file.t.in"
			cp "$dir/$file.t.in" "$dir/$file.t"
			;;
		esac
	done <"$cf"
	flush
}

# --- CentOS Stream 9 AppStream (x86_64), BaseOS names stubbed ---
as=$here/appstream
rm -rf "$as" && mkdir -p "$as"
primary=$(ls "$root"/testdata/centos-stream9-appstream/repodata/*-primary.xml.gz)
"$work/nimbus" solver write-testcase --arch x86_64 --repo appstream="$primary" --stub-missing -o "$work/as.t"
repo_of "$work/as.t" appstream >"$work/appstream.repo"
repo_of "$work/as.t" stub | gzip -9n >"$as/stub.repo.gz"
gzip -9nc "$work/appstream.repo" >"$as/appstream.repo.gz"
printf 'repo @System 0 empty\nrepo appstream 0 testtags appstream.repo.gz\nrepo stub 0 testtags stub.repo.gz\nsystem x86_64 rpm @System\njob install name nginx\njob install name postgresql-server\njob install name httpd\njob install name perl-DBI\njob install name php\njob install name mariadb-server\njob install name python3.11\nresult transaction,problems <inline>\n' >"$as/seed.t"
(cd "$as" && testsolv -r seed.t) | grep '^install ' >"$work/as.installs"
rm "$as/seed.t"
{ system_from "$work/appstream.repo" "$work/as.installs" oldest; repo_of "$work/as.t" stub; } | xz -9 >"$as/system.repo.xz"
cases "$as" "repo system 0 testtags system.repo.xz
repo appstream 99 testtags appstream.repo.gz
repo stub 99 testtags stub.repo.gz
system x86_64 rpm system" "$here/cases/appstream.txt"
cases "$as" "repo system 0 testtags system.repo.xz
repo appstream 99 testtags appstream.repo.gz
system x86_64 rpm system" "$here/cases/appstream-nostub.txt"

# --- Debian 12 main (amd64) ---
deb=$here/debian
rm -rf "$deb" && mkdir -p "$deb"
xz -dc "$root/testdata/debian-12.15-bookworm-main-amd64-Packages.xz" >"$work/Packages"
"$work/nimbus" solver write-testcase --arch amd64 --repo bookworm="$work/Packages" -o "$work/deb.t"
repo_of "$work/deb.t" bookworm >"$work/bookworm.repo"
gzip -9nc "$work/bookworm.repo" >"$deb/bookworm.repo.gz"
printf 'repo @System 0 empty\nrepo bookworm 0 testtags bookworm.repo.gz\nsystem amd64 deb @System\njob install name nginx\njob install name python3\njob install name postgresql\njob install name openssh-server\njob install name git\njob install name apache2\nresult transaction,problems <inline>\n' >"$deb/seed.t"
(cd "$deb" && testsolv -r seed.t) | grep '^install ' >"$work/deb.installs"
rm "$deb/seed.t"
system_from "$work/bookworm.repo" "$work/deb.installs" tilde | gzip -9n >"$deb/system.repo.gz"
cases "$deb" "repo system 0 testtags system.repo.gz
repo bookworm 99 testtags bookworm.repo.gz
system amd64 deb system" "$here/cases/debian.txt"
