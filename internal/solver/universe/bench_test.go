package universe

import (
	"testing"

	"github.com/nimbus-linux/nimbus/internal/repo/cache"
	"github.com/nimbus-linux/nimbus/internal/solver"
)

// These benchmarks time Nimbus alone; bench/solver.sh runs testsolv on the
// same inputs in the same run and prints the ratios.

var debJobs = []solver.Job{
	{Kind: solver.JobInstall, Sel: solver.SelName, Dep: solver.Dep{Name: "libreoffice"}},
	{Kind: solver.JobInstall, Sel: solver.SelName, Dep: solver.Dep{Name: "gnome"}},
	{Kind: solver.JobInstall, Sel: solver.SelName, Dep: solver.Dep{Name: "texlive-full"}},
}

// BenchmarkDebianCacheInstall loads the Debian universe from the binary
// index (the package manager's cache format) and solves three install jobs,
// like "testsolv on a .solv".
func BenchmarkDebianCacheInstall(b *testing.B) {
	p := debianPool(b)
	x, err := cache.FromRepo(p, p.Repos[1])
	if err != nil {
		b.Fatal(err)
	}
	data := x.Encode()
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		p := solver.NewPool()
		p.Debian = true
		p.SetArch("amd64")
		p.Installed = p.NewRepo("@System", 0)
		x, err := cache.Decode(data)
		if err != nil {
			b.Fatal(err)
		}
		x.AddTo(p.NewRepo("bookworm", 0), nil)
		res, err := solver.New(p).Solve(debJobs)
		if err != nil || len(res.Problems) > 0 {
			b.Fatalf("%v %v", err, res.Problems)
		}
	}
}

// BenchmarkDebianSolve solves the three jobs on a loaded pool.
func BenchmarkDebianSolve(b *testing.B) {
	p := debianPool(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := solver.New(p).Solve(debJobs); err != nil {
			b.Fatal(err)
		}
	}
}
