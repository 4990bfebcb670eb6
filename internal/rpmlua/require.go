package rpmlua

import (
	"strings"

	lua "github.com/yuin/gopher-lua"
)

// openPackage sets up `package` and `require` as rpm's state has them: package.path is
// rpm's "/usr/lib/rpm//lua/?.lua", package.loaded holds the libraries (require "posix"
// returns posix), and modules are Lua files read through the root (Fedora's OpenJDK
// %pretrans requires "copy_jdk_configs.lua" from a path it appends to package.path).
// Native modules (package.cpath) are never loaded: cpath is empty.
func (st *state) openPackage() {
	L := st.L
	pkg := L.NewTable()
	pkg.RawSetString("path", lua.LString("/usr/lib/rpm//lua/?.lua"))
	pkg.RawSetString("cpath", lua.LString(""))
	pkg.RawSetString("config", lua.LString("/\n;\n?\n!\n-\n"))
	loaded := L.NewTable()
	for _, name := range []string{"_G", "coroutine", "io", "math", "os", "posix", "rpm", "string", "table", "utf8"} {
		loaded.RawSetString(name, L.GetGlobal(name))
	}
	loaded.RawSetString("package", pkg)
	pkg.RawSetString("loaded", loaded)
	preload := L.NewTable()
	pkg.RawSetString("preload", preload)
	L.SetGlobal("package", pkg)
	L.SetGlobal("require", L.NewFunction(func(L *lua.LState) int {
		name := L.CheckString(1)
		if v := loaded.RawGetString(name); v != lua.LNil {
			L.Push(v)
			return 1
		}
		var tried []string
		var fn lua.LValue
		extra := lua.LValue(lua.LNil)
		if p := preload.RawGetString(name); p != lua.LNil {
			fn = p
		} else {
			tried = append(tried, "\n\tno field package.preload['"+name+"']")
			path, _ := pkg.RawGetString("path").(lua.LString)
			for _, tmpl := range strings.Split(string(path), ";") {
				if tmpl == "" {
					continue
				}
				file := strings.ReplaceAll(tmpl, "?", strings.ReplaceAll(name, ".", "/"))
				data, err := st.env.Root.ReadFile(st.path(file))
				if err != nil {
					tried = append(tried, "\n\tno file '"+file+"'")
					continue
				}
				f, err := compile(L, Script{Body: string(data), chunk: file})
				if err != nil {
					raise(L, "error loading module '%s' from file '%s':\n\t%v", name, file, err)
				}
				fn, extra = f, lua.LString(file)
				break
			}
		}
		if fn == nil {
			raise(L, "module '%s' not found:%s", name, strings.Join(tried, ""))
		}
		L.Push(fn)
		L.Push(lua.LString(name))
		L.Push(extra)
		L.Call(2, 1)
		res := L.Get(-1)
		L.Pop(1)
		if res != lua.LNil {
			loaded.RawSetString(name, res)
		} else if loaded.RawGetString(name) == lua.LNil {
			loaded.RawSetString(name, lua.LTrue)
		}
		L.Push(loaded.RawGetString(name))
		return 1
	}))
}
