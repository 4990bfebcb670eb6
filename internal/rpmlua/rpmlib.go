package rpmlua

import (
	"encoding/base64"
	"io/fs"
	"path"
	"path/filepath"
	"sort"
	"strings"

	lua "github.com/yuin/gopher-lua"

	"github.com/nimbus-linux/nimbus/internal/evr"
)

const verType = "rpm.ver"

func (st *state) openRPM() {
	L := st.L
	t := L.NewTable()
	L.SetFuncs(t, map[string]lua.LGFunction{
		"expand": func(L *lua.LState) int {
			L.Push(lua.LString(st.expandMacros(L, L.CheckString(1))))
			return 1
		},
		"define": func(L *lua.LState) int {
			st.macros.load()
			if !st.macros.define(L.CheckString(1), true) {
				raise(L, "error defining macro")
			}
			return 0
		},
		"undefine": func(L *lua.LState) int {
			st.macros.load()
			st.macros.undefine(L.CheckString(1))
			return 0
		},
		"isdefined": func(L *lua.LState) int {
			st.macros.load()
			name := strings.TrimPrefix(L.CheckString(1), "%")
			_, ok := st.macros.lookup(name)
			L.Push(lua.LBool(ok))
			L.Push(lua.LBool(ok && st.macros.params[name]))
			return 2
		},
		"load": func(L *lua.LState) int {
			st.macros.load()
			f, err := st.env.Root.Open(st.path(L.CheckString(1)))
			if err != nil {
				L.Push(lua.LNumber(-1))
				return 1
			}
			st.macros.parseFile(f)
			f.Close()
			L.Push(lua.LNumber(0))
			return 1
		},
		"execute":       st.rpmExecute,
		"redirect2null": st.pRedirect2null,
		"vercmp": func(L *lua.LState) int {
			L.Push(lua.LNumber(evr.Compare(evr.ParseLax(L.CheckString(1)), evr.ParseLax(L.CheckString(2)))))
			return 1
		},
		"ver": st.rpmVer,
		"b64encode": func(L *lua.LState) int {
			s := L.CheckString(1)
			if s == "" {
				return 0
			}
			enc := base64.StdEncoding.EncodeToString([]byte(s))
			width := L.OptInt(2, 64) // rpm breaks lines at 64 by default; <= 0: one line
			if width > 0 {
				var b strings.Builder
				for len(enc) > width {
					b.WriteString(enc[:width] + "\n")
					enc = enc[width:]
				}
				b.WriteString(enc + "\n")
				enc = b.String()
			}
			L.Push(lua.LString(enc))
			return 1
		},
		"b64decode": func(L *lua.LState) int {
			d, err := base64.StdEncoding.DecodeString(strings.Join(strings.Fields(L.CheckString(1)), ""))
			if err != nil {
				L.Push(lua.LNil)
			} else {
				L.Push(lua.LString(d))
			}
			return 1
		},
		"open": func(L *lua.LState) int {
			// rpm.open takes rpmio modes ("r.ufdio"): the part before the dot is fopen's.
			mode, _, _ := strings.Cut(L.OptString(2, "r"), ".")
			L.SetTop(1)
			L.Push(lua.LString(mode))
			return st.ioOpen(L)
		},
		"next_file": func(L *lua.LState) int {
			if st.next < len(st.s.Files) {
				st.next++
				L.Push(lua.LString(st.s.Files[st.next-1]))
			} else {
				L.Push(lua.LNil)
			}
			return 1
		},
		"splitargs": func(L *lua.LState) int {
			t := L.NewTable()
			for _, a := range splitArgs(L.CheckString(1)) {
				t.Append(lua.LString(a))
			}
			L.Push(t)
			return 1
		},
		"unsplitargs": func(L *lua.LState) int {
			tb := L.CheckTable(1)
			var parts []string
			tb.ForEach(func(_, v lua.LValue) { parts = append(parts, v.String()) })
			L.Push(lua.LString(strings.Join(parts, " ")))
			return 1
		},
		"glob": st.rpmGlob,
		"interactive": func(L *lua.LState) int {
			raise(L, "rpm.interactive is not available in a scriptlet")
			return 0
		},
	})
	L.SetGlobal("rpm", t)

	vmt := L.NewTypeMetatable(verType)
	cmp := func(L *lua.LState) int {
		a, b := st.checkVer(L, 1), st.checkVer(L, 2)
		return evr.Compare(a, b)
	}
	L.SetField(vmt, "__index", L.NewFunction(func(L *lua.LState) int {
		v := st.checkVer(L, 1)
		switch L.CheckString(2) {
		case "e":
			if v.Epoch == "" {
				L.Push(lua.LNil)
			} else {
				L.Push(lua.LString(v.Epoch))
			}
		case "v":
			L.Push(lua.LString(v.Version))
		case "r":
			if v.Release == "" {
				L.Push(lua.LNil)
			} else {
				L.Push(lua.LString(v.Release))
			}
		case "evr":
			L.Push(lua.LString(v.String()))
		default:
			L.Push(lua.LNil)
		}
		return 1
	}))
	L.SetField(vmt, "__tostring", L.NewFunction(func(L *lua.LState) int {
		L.Push(lua.LString(st.checkVer(L, 1).String()))
		return 1
	}))
	L.SetField(vmt, "__eq", L.NewFunction(func(L *lua.LState) int { L.Push(lua.LBool(cmp(L) == 0)); return 1 }))
	L.SetField(vmt, "__lt", L.NewFunction(func(L *lua.LState) int { L.Push(lua.LBool(cmp(L) < 0)); return 1 }))
	L.SetField(vmt, "__le", L.NewFunction(func(L *lua.LState) int { L.Push(lua.LBool(cmp(L) <= 0)); return 1 }))

	// The macros table: macros.foo reads %{foo}, assigning defines or (nil) undefines it.
	m := L.NewTable()
	mm := L.NewTable()
	L.SetField(mm, "__index", L.NewFunction(func(L *lua.LState) int {
		st.macros.load()
		name := L.CheckString(2)
		if _, ok := st.macros.lookup(name); !ok || st.macros.params[name] {
			L.Push(lua.LNil)
			return 1
		}
		L.Push(lua.LString(st.macros.expand("%{"+name+"}", 0)))
		return 1
	}))
	L.SetField(mm, "__newindex", L.NewFunction(func(L *lua.LState) int {
		st.macros.load()
		name := L.CheckString(2)
		if L.Get(3) == lua.LNil {
			st.macros.undefine(name)
			return 0
		}
		if !st.macros.define(name+" "+L.ToStringMeta(L.Get(3)).String(), true) {
			raise(L, "error defining macro")
		}
		return 0
	}))
	L.SetMetatable(m, mm)
	L.SetGlobal("macros", m)
}

func (st *state) rpmVer(L *lua.LState) int {
	var v evr.EVR
	if L.GetTop() >= 2 {
		if e := L.Get(1); e != lua.LNil {
			v.Epoch = e.String()
		}
		v.Version = L.CheckString(2)
		if r := L.Get(3); r != lua.LNil {
			v.Release = r.String()
		}
	} else {
		v = evr.ParseLax(L.CheckString(1))
	}
	ud := L.NewUserData()
	ud.Value = v
	L.SetMetatable(ud, L.GetTypeMetatable(verType))
	L.Push(ud)
	return 1
}

func (st *state) checkVer(L *lua.LState, n int) evr.EVR {
	switch x := L.Get(n).(type) {
	case *lua.LUserData:
		if v, ok := x.Value.(evr.EVR); ok {
			return v
		}
	case lua.LString:
		return evr.ParseLax(string(x))
	}
	L.ArgError(n, "rpm.ver expected")
	return evr.EVR{}
}

// splitArgs splits as rpm's popt-like splitargs: on white space, with quotes.
func splitArgs(s string) []string {
	var out []string
	var cur strings.Builder
	in, quote := false, byte(0)
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0 && c == quote:
			quote = 0
		case quote == 0 && (c == '"' || c == '\''):
			quote, in = c, true
		case c == '\\' && quote != '\'' && i+1 < len(s):
			i++
			cur.WriteByte(s[i])
			in = true
		case quote == 0 && (c == ' ' || c == '\t' || c == '\n'):
			if in {
				out = append(out, cur.String())
				cur.Reset()
				in = false
			}
		default:
			cur.WriteByte(c)
			in = true
		}
	}
	if in {
		out = append(out, cur.String())
	}
	return out
}

// rpmGlob is rpm 4.19's rpm.glob(pattern [, flags]) (absent in 4.18; scriptlets written for
// newer rpm call it): the matching paths inside the root, sorted; with flag "c" the pattern
// itself when nothing matches, else an error. Brace expansion is not done.
func (st *state) rpmGlob(L *lua.LState) int {
	pat := L.CheckString(1)
	flags := L.OptString(2, "")
	abs := path.IsAbs(pat)
	rel := st.rel(pat)
	matches, err := fs.Glob(st.env.Root.FS(), rel)
	if err == nil && len(matches) == 0 {
		err = fs.ErrNotExist
	}
	t := L.NewTable()
	if err != nil {
		if !strings.Contains(flags, "c") {
			raise(L, "glob %s failed: %v", pat, err)
		}
		t.Append(lua.LString(pat))
		L.Push(t)
		return 1
	}
	sort.Strings(matches)
	for _, m := range matches {
		if abs {
			m = "/" + m
		} else if r, err := filepath.Rel(strings.TrimPrefix(st.cwd, "/"), m); err == nil && st.cwd != "/" {
			m = r
		}
		t.Append(lua.LString(m))
	}
	L.Push(t)
	return 1
}
