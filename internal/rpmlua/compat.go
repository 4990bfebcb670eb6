package rpmlua

import (
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	lua "github.com/yuin/gopher-lua"
)

// openCompat adds what scriptlets written for rpm's Lua 5.3/5.4 call and Lua 5.1 lacks, where
// it is a library function (syntax such as // and bitwise operators cannot be added):
// load of a string, table.unpack and table.move, rawlen, math.type, math.tointeger,
// math.maxinteger/mininteger and the utf8 library's char, charpattern, codepoint, len and
// codes. Numbers stay Lua 5.1's doubles: math.type says "integer" for an integral value.
func (st *state) openCompat() {
	L := st.L
	L.SetGlobal("load", L.NewFunction(st.load))
	L.SetGlobal("rawlen", L.NewFunction(func(L *lua.LState) int {
		switch v := L.Get(1).(type) {
		case *lua.LTable:
			L.Push(lua.LNumber(v.Len()))
		case lua.LString:
			L.Push(lua.LNumber(len(v)))
		default:
			L.ArgError(1, "table or string expected")
		}
		return 1
	}))
	tb := L.GetGlobal("table").(*lua.LTable)
	tb.RawSetString("unpack", L.GetGlobal("unpack"))
	tb.RawSetString("move", L.NewFunction(func(L *lua.LState) int {
		a1 := L.CheckTable(1)
		f, e, t := L.CheckInt(2), L.CheckInt(3), L.CheckInt(4)
		a2 := a1
		if L.GetTop() >= 5 {
			a2 = L.CheckTable(5)
		}
		if e >= f {
			if e-f > 1<<24 {
				L.ArgError(3, "too many elements to move")
			}
			if t > e || t <= f || a1 != a2 {
				for i := 0; i <= e-f; i++ {
					a2.RawSetInt(t+i, a1.RawGetInt(f+i))
				}
			} else {
				for i := e - f; i >= 0; i-- {
					a2.RawSetInt(t+i, a1.RawGetInt(f+i))
				}
			}
		}
		L.Push(a2)
		return 1
	}))
	L.SetGlobal("tostring", L.NewFunction(func(L *lua.LState) int {
		L.Push(lua.LString(toString(L, L.CheckAny(1))))
		return 1
	}))
	orig := L.GetGlobal("tonumber")
	L.SetGlobal("tonumber", L.NewFunction(func(L *lua.LState) int {
		if str, ok := L.Get(1).(lua.LString); ok && L.GetTop() == 1 {
			if n, ok := parseNumber(string(str)); ok {
				L.Push(n)
			} else {
				L.Push(lua.LNil)
			}
			return 1
		}
		top := L.GetTop()
		L.Push(orig)
		for i := 1; i <= top; i++ {
			L.Push(L.Get(i))
		}
		L.Call(top, 1)
		return 1
	}))
	m := L.GetGlobal("math").(*lua.LTable)
	m.RawSetString("huge", lua.LNumber(math.Inf(1))) // gopher-lua has MaxFloat64
	m.RawSetString("maxinteger", lua.LNumber(math.MaxInt64))
	m.RawSetString("mininteger", lua.LNumber(math.MinInt64))
	m.RawSetString("type", L.NewFunction(func(L *lua.LState) int {
		n, ok := L.Get(1).(lua.LNumber)
		switch {
		case !ok:
			L.CheckAny(1)
			L.Push(lua.LNil)
		case float64(n) == math.Trunc(float64(n)) && math.Abs(float64(n)) < 1<<63:
			L.Push(lua.LString("integer"))
		default:
			L.Push(lua.LString("float"))
		}
		return 1
	}))
	m.RawSetString("tointeger", L.NewFunction(func(L *lua.LState) int {
		n, ok := L.Get(1).(lua.LNumber)
		if ok && float64(n) == math.Trunc(float64(n)) && math.Abs(float64(n)) < 1<<63 {
			L.Push(n)
		} else {
			L.Push(lua.LNil)
		}
		return 1
	}))
	u := L.NewTable()
	u.RawSetString("charpattern", lua.LString("[\x00-\x7F\xC2-\xFD][\x80-\xBF]*"))
	L.SetFuncs(u, map[string]lua.LGFunction{
		"char": func(L *lua.LState) int {
			var b strings.Builder
			for i := 1; i <= L.GetTop(); i++ {
				b.WriteRune(rune(L.CheckInt(i)))
			}
			L.Push(lua.LString(b.String()))
			return 1
		},
		"len": func(L *lua.LState) int {
			s := L.CheckString(1)
			i := L.OptInt(2, 1)
			if i < 1 || i > len(s)+1 {
				L.ArgError(2, "initial position out of bounds")
			}
			n := 0
			for p := i - 1; p < len(s); {
				r, size := utf8.DecodeRuneInString(s[p:])
				if r == utf8.RuneError && size <= 1 {
					L.Push(lua.LNil)
					L.Push(lua.LNumber(p + 1))
					return 2
				}
				p += size
				n++
			}
			L.Push(lua.LNumber(n))
			return 1
		},
		"codepoint": func(L *lua.LState) int {
			s := L.CheckString(1)
			i := L.OptInt(2, 1)
			j := L.OptInt(3, i)
			if i < 1 || j > len(s) {
				L.ArgError(2, "out of bounds")
			}
			n := 0
			for p := i - 1; p < j; {
				r, size := utf8.DecodeRuneInString(s[p:])
				if r == utf8.RuneError && size <= 1 {
					raise(L, "invalid UTF-8 code")
				}
				L.Push(lua.LNumber(r))
				n++
				p += size
			}
			return n
		},
		"codes": func(L *lua.LState) int {
			s := L.CheckString(1)
			p := 0
			L.Push(L.NewFunction(func(L *lua.LState) int {
				if p >= len(s) {
					L.Push(lua.LNil)
					return 1
				}
				r, size := utf8.DecodeRuneInString(s[p:])
				if r == utf8.RuneError && size <= 1 {
					raise(L, "invalid UTF-8 code")
				}
				L.Push(lua.LNumber(p + 1))
				L.Push(lua.LNumber(r))
				p += size
				return 2
			}))
			return 1
		},
	})
	L.SetGlobal("utf8", u)
}

// load is Lua 5.2+'s: a string or a reader function, a chunk name, a mode (text only)
// and an environment.
func (st *state) load(L *lua.LState) int {
	var src string
	switch v := L.Get(1).(type) {
	case lua.LString:
		src = string(v)
	case *lua.LFunction:
		var b strings.Builder
		for b.Len() <= maxString {
			L.Push(v)
			L.Call(0, 1)
			piece := L.Get(-1)
			L.Pop(1)
			if s, ok := piece.(lua.LString); ok && s != "" {
				b.WriteString(string(s))
				continue
			}
			break
		}
		src = b.String()
	default:
		L.ArgError(1, "string or function expected")
	}
	name := L.OptString(2, src)
	if len(name) > 60 {
		name = name[:60]
	}
	if strings.HasPrefix(src, "\x1b") || strings.Contains(L.OptString(3, "t"), "b") && !strings.Contains(L.OptString(3, "t"), "t") {
		L.Push(lua.LNil)
		L.Push(lua.LString("attempt to load a binary chunk"))
		return 2
	}
	fn, err := compile(L, Script{Kind: "load", Body: src, chunk: `[string "` + name + `"]`})
	if err != nil {
		L.Push(lua.LNil)
		L.Push(lua.LString(err.Error()))
		return 2
	}
	if env, ok := L.Get(4).(*lua.LTable); ok {
		fn.Env = env
	}
	L.Push(fn)
	return 1
}

// numString formats a number as Lua's "%.14g" does (gopher-lua prints all digits, and
// MaxFloat64 for math.huge); an integral value below 1e15 prints as an integer, as Lua 5.3
// prints its integers.
func numString(n lua.LNumber) string {
	f := float64(n)
	switch {
	case math.IsInf(f, 1):
		return "inf"
	case math.IsInf(f, -1):
		return "-inf"
	case math.IsNaN(f):
		return "nan"
	case f == math.Trunc(f) && math.Abs(f) < 1e15:
		return strconv.FormatInt(int64(f), 10)
	}
	return strconv.FormatFloat(f, 'g', 14, 64)
}

// toString is tostring: numbers as Lua formats them, the rest as gopher-lua does
// (__tostring included).
func toString(L *lua.LState, v lua.LValue) string {
	if n, ok := v.(lua.LNumber); ok {
		return numString(n)
	}
	return L.ToStringMeta(v).String()
}

// parseNumber is Lua's string-to-number conversion for tonumber(s): decimal with optional
// fraction and exponent ("1e2", ".5"; gopher-lua's tonumber refused exponents) or
// hexadecimal, surrounded by spaces; not "inf" or "nan".
func parseNumber(s string) (lua.LNumber, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, false
	}
	body := strings.TrimLeft(s, "+-")
	if len(s)-len(body) > 1 {
		return 0, false
	}
	if strings.HasPrefix(body, "0x") || strings.HasPrefix(body, "0X") {
		if v, err := strconv.ParseUint(body[2:], 16, 64); err == nil {
			if s[0] == '-' {
				return lua.LNumber(-float64(v)), true
			}
			return lua.LNumber(v), true
		}
		if v, err := strconv.ParseFloat(s, 64); err == nil && strings.ContainsAny(body, "pP") {
			return lua.LNumber(v), true
		}
		return 0, false
	}
	if body == "" || !(body[0] >= '0' && body[0] <= '9' || body[0] == '.') || strings.ContainsAny(body, "_xXnN") {
		return 0, false
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0, false
	}
	return lua.LNumber(v), true
}
