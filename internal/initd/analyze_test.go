package initd

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// analyzeTimings is a boot with two stages, two units and a wall clock origin that puts
// the provisioning report's stages at 1.7 s and 1.75 s.
const analyzeTimings = `{"init_start_ns":1500000000,"ready_ns":2500000000,"user_data_ns":2900000000,
"boot_wall":"2026-12-07T04:00:00Z",
"stages":[{"stage":"network","start_ns":1600000000,"duration_ns":100000000,"note":"eth0"},
{"stage":"provision","start_ns":1700000000,"duration_ns":200000000,"error":"imds <down>"}],
"units":[{"unit":"sshd.service","start_ns":2000000000,"end_ns":2300000000,"duration_ns":300000000},
{"unit":"a&b.service","start_ns":2100000000,"end_ns":0,"duration_ns":0}]}`

const analyzeReport = `{"provider":"aws","instance_id":"i-1","stages":[
{"name":"identity","start":"2026-12-07T04:00:01.7Z","duration_ns":50000000},
{"name":"users","start":"2026-12-07T04:00:01.75Z","duration_ns":7000000,"skipped":"no users"}]}`

func writeAnalyzeRoot(t *testing.T, timings, report string) string {
	t.Helper()
	root := t.TempDir()
	for p, data := range map[string]string{TimingsPath: timings, provisionReportPath: report} {
		if data == "" {
			continue
		}
		if err := os.MkdirAll(filepath.Join(root, filepath.Dir(p)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(root, p), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

func TestAnalyzeJSON(t *testing.T) {
	root := writeAnalyzeRoot(t, analyzeTimings, analyzeReport)
	var out bytes.Buffer
	if err := analyzeCmd(root, false, true, "", &out); err != nil {
		t.Fatal(err)
	}
	// The fields a consumer reads, by their JSON names.
	var raw map[string]any
	if err := json.Unmarshal(out.Bytes(), &raw); err != nil {
		t.Fatalf("--json output is not JSON: %v\n%s", err, out.String())
	}
	for _, k := range []string{"kernel_ns", "userspace_ns", "ready_ns", "user_data_ns", "stages", "provision", "units"} {
		if _, ok := raw[k]; !ok {
			t.Errorf("--json lacks %q:\n%s", k, out.String())
		}
	}
	// Round trip: what is printed decodes to the same analysis.
	var a Analysis
	if err := json.Unmarshal(out.Bytes(), &a); err != nil {
		t.Fatal(err)
	}
	want, err := LoadAnalysis(root)
	if err != nil {
		t.Fatal(err)
	}
	wb, _ := json.Marshal(want)
	gb, _ := json.Marshal(&a)
	if !bytes.Equal(wb, gb) {
		t.Errorf("round trip differs:\n got %s\nwant %s", gb, wb)
	}
	checks := []struct {
		name      string
		got, want time.Duration
	}{
		{"kernel", a.Kernel, 1500 * time.Millisecond},
		{"userspace", a.Userspace, time.Second},
		{"ready", a.Ready, 2500 * time.Millisecond},
		{"user-data", a.UserData, 2900 * time.Millisecond},
		{"network start", a.Stages[0].Start, 1600 * time.Millisecond},
		{"network duration", a.Stages[0].Duration, 100 * time.Millisecond},
		{"identity start (wall clock placed)", a.Provision.Stages[0].Start, 1700 * time.Millisecond},
		{"users start", a.Provision.Stages[1].Start, 1750 * time.Millisecond},
		{"users duration", a.Provision.Stages[1].Duration, 7 * time.Millisecond},
		{"sshd start", a.Units[0].Start, 2000 * time.Millisecond},
		{"sshd end", a.Units[0].End, 2300 * time.Millisecond},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
		}
	}
	if a.Stages[1].Error != "imds <down>" || a.Provision.Stages[1].Skipped != "no users" || a.Provision.InstanceID != "i-1" {
		t.Errorf("notes lost: %+v %+v", a.Stages[1], a.Provision)
	}
}

func TestAnalyzeProvisionWithoutWallClock(t *testing.T) {
	// Timings from before boot_wall existed: the agent's stages follow one another from
	// the start of the provision boot stage.
	old := strings.Replace(analyzeTimings, `"boot_wall":"2026-12-07T04:00:00Z",`, "", 1)
	a, err := ParseAnalysis([]byte(old), []byte(analyzeReport))
	if err != nil {
		t.Fatal(err)
	}
	if got := a.Provision.Stages; got[0].Start != 1700*time.Millisecond || got[1].Start != 1750*time.Millisecond {
		t.Errorf("stages placed at %v, %v", got[0].Start, got[1].Start)
	}
	// A damaged report drops only the provisioning part.
	a, err = ParseAnalysis([]byte(analyzeTimings), []byte("{not json"))
	if err != nil || a.Provision != nil {
		t.Errorf("damaged report: %v, %+v", err, a)
	}
}

// svgDoc is the part of the boot chart the tests read.
type svgDoc struct {
	XMLName xml.Name `xml:"svg"`
	Width   string   `xml:"width,attr"`
	Rects   []struct {
		Class string `xml:"class,attr"`
		X     string `xml:"x,attr"`
		Width string `xml:"width,attr"`
		Title string `xml:"title"`
	} `xml:"rect"`
}

func TestAnalyzeSVG(t *testing.T) {
	root := writeAnalyzeRoot(t, analyzeTimings, analyzeReport)
	file := filepath.Join(t.TempDir(), "boot.svg")
	if err := analyzeCmd(root, false, false, file, io.Discard); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	// Well-formed: the whole document decodes token by token.
	d := xml.NewDecoder(bytes.NewReader(b))
	for {
		if _, err := d.Token(); err == io.EOF {
			break
		} else if err != nil {
			t.Fatalf("chart is not well-formed XML: %v\n%s", err, b)
		}
	}
	var doc svgDoc
	if err := xml.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	count := map[string]int{}
	titles := map[string]string{}
	for _, r := range doc.Rects {
		count[r.Class]++
		titles[r.Title] = r.Class
	}
	want := map[string]int{barKernel: 1, barUserspace: 1, barStage: 2, barProvision: 2, barUnit: 2}
	for class, n := range want {
		if count[class] != n {
			t.Errorf("%d bars of class %s, want %d (all: %v)", count[class], class, n, count)
		}
	}
	for _, title := range []string{
		"network: 1.600s to 1.700s (0.100s)",
		"provision: users: 1.750s to 1.757s (0.007s)",
		"sshd.service: 2.000s to 2.300s (0.300s)",
		"a&b.service: 2.100s to 2.100s (0.000s)", // escaped in the file, intact when read
	} {
		if _, ok := titles[title]; !ok {
			t.Errorf("no bar titled %q in %v", title, titles)
		}
	}
	if !bytes.Contains(b, []byte("imds &lt;down&gt;")) {
		t.Error("the stage's error is not in the chart, escaped")
	}
}

func TestAnalyzeMalformed(t *testing.T) {
	tests := []struct {
		name, timings, want string
	}{
		{"truncated", `{"init_start_ns":15`, "not valid JSON at byte"},
		{"not an object", `[1,2]`, "cannot unmarshal"},
		{"wrong type", `{"ready_ns":"soon"}`, "cannot unmarshal"},
		{"ready before init", `{"init_start_ns":5,"ready_ns":4}`, "ready_ns 4 is before init_start_ns 5"},
		{"negative stage", `{"stages":[{"stage":"x","start_ns":-1}]}`, "stage x: negative start or duration"},
		{"absurd", `{"stages":[{"stage":"x","duration_ns":9223372036854775807}]}`, "beyond a year"},
		{"unnamed stage", `{"stages":[{"start_ns":1}]}`, "stage 1 has no name"},
		{"unit ends before start", `{"units":[{"unit":"u","start_ns":5,"end_ns":2}]}`, "unit u: negative time, end before start"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := writeAnalyzeRoot(t, tt.timings, "")
			for _, mode := range []struct {
				json bool
				svg  string
			}{{false, ""}, {true, ""}, {false, filepath.Join(t.TempDir(), "c.svg")}} {
				err := analyzeCmd(root, false, mode.json, mode.svg, io.Discard)
				if err == nil {
					t.Fatalf("accepted")
				}
				for _, w := range []string{TimingsPath, tt.want, "rewritten at the next boot"} {
					if !strings.Contains(err.Error(), w) {
						t.Errorf("error %q lacks %q", err, w)
					}
				}
			}
		})
	}
	err := analyzeCmd(t.TempDir(), false, true, "", io.Discard)
	if err == nil || !strings.Contains(err.Error(), "no boot timings at "+TimingsPath) {
		t.Errorf("missing file: %v", err)
	}
	if err := analyzeCmd(t.TempDir(), false, true, "x.svg", io.Discard); err == nil || !strings.Contains(err.Error(), "exclusive") {
		t.Errorf("--json with --svg: %v", err)
	}
}

func FuzzParseAnalysis(f *testing.F) {
	f.Add([]byte(analyzeTimings), []byte(analyzeReport))
	f.Add([]byte(`{"init_start_ns":1,"ready_ns":2,"units":[{"unit":"<&>","start_ns":1}]}`), []byte(nil))
	f.Add([]byte(`{"stages":[{"stage":"\u0001","duration_ns":9223372036854775807}]}`), []byte(`{"stages":[{"name":"x","duration_ns":-5}]}`))
	f.Fuzz(func(t *testing.T, timings, report []byte) {
		a, err := ParseAnalysis(timings, report)
		if err != nil {
			return
		}
		var out bytes.Buffer
		if err := a.WriteSVG(&out); err != nil {
			t.Fatal(err)
		}
		d := xml.NewDecoder(&out)
		for {
			if _, err := d.Token(); err == io.EOF {
				break
			} else if err != nil {
				t.Fatalf("chart is not well-formed: %v", err)
			}
		}
		if err := a.WriteJSON(io.Discard); err != nil {
			t.Fatal(err)
		}
		a.WriteText(io.Discard, true)
	})
}
