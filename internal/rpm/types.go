package rpm

import (
	"fmt"

	"github.com/nimbus-linux/nimbus/internal/lazy"
	"github.com/nimbus-linux/nimbus/internal/rpm/tag"
)

// expectedTypes are the data types rpm gives the tags FromHeader reads. A header that stores
// one of them with another type is malformed (or hostile) and is rejected with the tag named,
// instead of being read as "absent". Made at the first use, not at init.
var expectedTypes = lazy.Value[map[tag.Tag][]tag.Type]{New: func() map[tag.Tag][]tag.Type {
	str := []tag.Type{tag.TypeString}
	i18n := []tag.Type{tag.TypeI18NString, tag.TypeString}
	strs := []tag.Type{tag.TypeStringArray}
	i32 := []tag.Type{tag.TypeInt32}
	m := map[tag.Tag][]tag.Type{
		tag.Name: str, tag.Version: str, tag.Release: str, tag.Arch: str, tag.Os: str,
		tag.License: str, tag.Url: str, tag.Vendor: str, tag.Packager: str, tag.Buildhost: str,
		tag.Sourcerpm: str, tag.Payloadcompressor: str, tag.Payloadflags: str, tag.Payloadformat: str,
		tag.Summary: i18n, tag.Description: i18n, tag.Group: i18n,
		tag.Epoch: i32, tag.Buildtime: i32, tag.Size: i32, tag.Longsize: {tag.TypeInt64},
		tag.Basenames: strs, tag.Dirnames: strs, tag.Dirindexes: i32, tag.Oldfilenames: strs,
		tag.Filesizes: i32, tag.Longfilesizes: {tag.TypeInt64}, tag.Filemodes: {tag.TypeInt16},
		tag.Filerdevs: {tag.TypeInt16}, tag.Filemtimes: i32, tag.Fileflags: i32,
		tag.Fileinodes: i32, tag.Filedevices: i32, tag.Fileverifyflags: i32,
		tag.Filedigests: strs, tag.Filelinktos: strs, tag.Fileusername: strs, tag.Filegroupname: strs,
		tag.Filecaps: strs, tag.Filelangs: strs,
		tag.Changelogtime: i32, tag.Changelogname: strs, tag.Changelogtext: strs,
	}
	for _, dt := range depTags {
		m[dt.name], m[dt.flags], m[dt.version] = strs, i32, strs
	}
	for _, st := range scriptTags.Get() {
		m[st.body] = str
		m[st.prog] = []tag.Type{tag.TypeString, tag.TypeStringArray}
	}
	return m
}}

// checkTypes returns an error naming the first tag of h whose type rpm would not write.
func checkTypes(h *Header) error {
	for _, e := range h.entries {
		want, ok := expectedTypes.Get()[e.tag]
		if !ok {
			continue
		}
		match := false
		for _, w := range want {
			match = match || e.typ == w
		}
		if !match {
			return fmt.Errorf("tag %v has type %s, want %s", e.tag, e.typ, want[0])
		}
	}
	return nil
}
