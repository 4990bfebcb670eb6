// Code generated from rpm 4.18 <rpm/rpmtag.h> (enum rpmTag_e); DO NOT EDIT.

package tag

// Header tags (RPMTAG_*).
const (
	Headerimage                 Tag = 61   // !< Current image.
	Headersignatures            Tag = 62   // !< Signatures.
	Headerimmutable             Tag = 63   // !< Original image.
	Headerregions               Tag = 64   // !< Regions.
	Headeri18ntable             Tag = 100  // s[] !< I18N string locales.
	Sigsize                     Tag = 257  // i
	Siglemd51                   Tag = 258  // internal - obsolete
	Sigpgp                      Tag = 259  // x
	Siglemd52                   Tag = 260  // x internal - obsolete
	Sigmd5                      Tag = 261  // x
	Siggpg                      Tag = 262  // x
	Sigpgp5                     Tag = 263  // internal - obsolete
	Badsha11                    Tag = 264  // internal - obsolete
	Badsha12                    Tag = 265  // internal - obsolete
	Pubkeys                     Tag = 266  // s[]
	Dsaheader                   Tag = 267  // x
	Rsaheader                   Tag = 268  // x
	Sha1header                  Tag = 269  // s
	Longsigsize                 Tag = 270  // l
	Longarchivesize             Tag = 271  // l
	Sha256header                Tag = 273  // s
	Veritysignatures            Tag = 276  // s[]
	Veritysignaturealgo         Tag = 277  // i
	Name                        Tag = 1000 // s
	Version                     Tag = 1001 // s
	Release                     Tag = 1002 // s
	Epoch                       Tag = 1003 // i
	Summary                     Tag = 1004 // s{}
	Description                 Tag = 1005 // s{}
	Buildtime                   Tag = 1006 // i
	Buildhost                   Tag = 1007 // s
	Installtime                 Tag = 1008 // i
	Size                        Tag = 1009 // i
	Distribution                Tag = 1010 // s
	Vendor                      Tag = 1011 // s
	Gif                         Tag = 1012 // x
	Xpm                         Tag = 1013 // x
	License                     Tag = 1014 // s
	Packager                    Tag = 1015 // s
	Group                       Tag = 1016 // s{}
	Changelog                   Tag = 1017 // s[] internal
	Source                      Tag = 1018 // s[]
	Patch                       Tag = 1019 // s[]
	Url                         Tag = 1020 // s
	Os                          Tag = 1021 // s legacy used int
	Arch                        Tag = 1022 // s legacy used int
	Prein                       Tag = 1023 // s
	Postin                      Tag = 1024 // s
	Preun                       Tag = 1025 // s
	Postun                      Tag = 1026 // s
	Oldfilenames                Tag = 1027 // s[] obsolete
	Filesizes                   Tag = 1028 // i[]
	Filestates                  Tag = 1029 // c[]
	Filemodes                   Tag = 1030 // h[]
	Fileuids                    Tag = 1031 // i[] internal - obsolete
	Filegids                    Tag = 1032 // i[] internal - obsolete
	Filerdevs                   Tag = 1033 // h[]
	Filemtimes                  Tag = 1034 // i[]
	Filedigests                 Tag = 1035 // s[]
	Filelinktos                 Tag = 1036 // s[]
	Fileflags                   Tag = 1037 // i[]
	Root                        Tag = 1038 // internal - obsolete
	Fileusername                Tag = 1039 // s[]
	Filegroupname               Tag = 1040 // s[]
	Exclude                     Tag = 1041 // internal - obsolete
	Exclusive                   Tag = 1042 // internal - obsolete
	Icon                        Tag = 1043 // x
	Sourcerpm                   Tag = 1044 // s
	Fileverifyflags             Tag = 1045 // i[]
	Archivesize                 Tag = 1046 // i
	Providename                 Tag = 1047 // s[]
	Requireflags                Tag = 1048 // i[]
	Requirename                 Tag = 1049 // s[]
	Requireversion              Tag = 1050 // s[]
	Nosource                    Tag = 1051 // i[]
	Nopatch                     Tag = 1052 // i[]
	Conflictflags               Tag = 1053 // i[]
	Conflictname                Tag = 1054 // s[]
	Conflictversion             Tag = 1055 // s[]
	Defaultprefix               Tag = 1056 // s internal - deprecated
	Buildroot                   Tag = 1057 // s internal - obsolete
	Installprefix               Tag = 1058 // s internal - deprecated
	Excludearch                 Tag = 1059 // s[]
	Excludeos                   Tag = 1060 // s[]
	Exclusivearch               Tag = 1061 // s[]
	Exclusiveos                 Tag = 1062 // s[]
	Autoreqprov                 Tag = 1063 // s internal
	Rpmversion                  Tag = 1064 // s
	Triggerscripts              Tag = 1065 // s[]
	Triggername                 Tag = 1066 // s[]
	Triggerversion              Tag = 1067 // s[]
	Triggerflags                Tag = 1068 // i[]
	Triggerindex                Tag = 1069 // i[]
	Verifyscript                Tag = 1079 // s
	Changelogtime               Tag = 1080 // i[]
	Changelogname               Tag = 1081 // s[]
	Changelogtext               Tag = 1082 // s[]
	Brokenmd5                   Tag = 1083 // internal - obsolete
	Prereq                      Tag = 1084 // internal
	Preinprog                   Tag = 1085 // s[]
	Postinprog                  Tag = 1086 // s[]
	Preunprog                   Tag = 1087 // s[]
	Postunprog                  Tag = 1088 // s[]
	Buildarchs                  Tag = 1089 // s[]
	Obsoletename                Tag = 1090 // s[]
	Verifyscriptprog            Tag = 1091 // s[]
	Triggerscriptprog           Tag = 1092 // s[]
	Docdir                      Tag = 1093 // internal
	Cookie                      Tag = 1094 // s
	Filedevices                 Tag = 1095 // i[]
	Fileinodes                  Tag = 1096 // i[]
	Filelangs                   Tag = 1097 // s[]
	Prefixes                    Tag = 1098 // s[]
	Instprefixes                Tag = 1099 // s[]
	Triggerin                   Tag = 1100 // internal
	Triggerun                   Tag = 1101 // internal
	Triggerpostun               Tag = 1102 // internal
	Autoreq                     Tag = 1103 // internal
	Autoprov                    Tag = 1104 // internal
	Capability                  Tag = 1105 // i internal - obsolete
	Sourcepackage               Tag = 1106 // i
	Oldorigfilenames            Tag = 1107 // internal - obsolete
	Buildprereq                 Tag = 1108 // internal
	Buildrequires               Tag = 1109 // internal
	Buildconflicts              Tag = 1110 // internal
	Buildmacros                 Tag = 1111 // internal - unused
	Provideflags                Tag = 1112 // i[]
	Provideversion              Tag = 1113 // s[]
	Obsoleteflags               Tag = 1114 // i[]
	Obsoleteversion             Tag = 1115 // s[]
	Dirindexes                  Tag = 1116 // i[]
	Basenames                   Tag = 1117 // s[]
	Dirnames                    Tag = 1118 // s[]
	Origdirindexes              Tag = 1119 // i[] relocation
	Origbasenames               Tag = 1120 // s[] relocation
	Origdirnames                Tag = 1121 // s[] relocation
	Optflags                    Tag = 1122 // s
	Disturl                     Tag = 1123 // s
	Payloadformat               Tag = 1124 // s
	Payloadcompressor           Tag = 1125 // s
	Payloadflags                Tag = 1126 // s
	Installcolor                Tag = 1127 // i transaction color when installed
	Installtid                  Tag = 1128 // i
	Removetid                   Tag = 1129 // i
	Sha1rhn                     Tag = 1130 // internal - obsolete
	Rhnplatform                 Tag = 1131 // s internal - obsolete
	Platform                    Tag = 1132 // s
	Patchesname                 Tag = 1133 // s[] deprecated placeholder (SuSE)
	Patchesflags                Tag = 1134 // i[] deprecated placeholder (SuSE)
	Patchesversion              Tag = 1135 // s[] deprecated placeholder (SuSE)
	Cachectime                  Tag = 1136 // i internal - obsolete
	Cachepkgpath                Tag = 1137 // s internal - obsolete
	Cachepkgsize                Tag = 1138 // i internal - obsolete
	Cachepkgmtime               Tag = 1139 // i internal - obsolete
	Filecolors                  Tag = 1140 // i[]
	Fileclass                   Tag = 1141 // i[]
	Classdict                   Tag = 1142 // s[]
	Filedependsx                Tag = 1143 // i[]
	Filedependsn                Tag = 1144 // i[]
	Dependsdict                 Tag = 1145 // i[]
	Sourcepkgid                 Tag = 1146 // x
	Filecontexts                Tag = 1147 // s[] - obsolete
	Fscontexts                  Tag = 1148 // s[] extension
	Recontexts                  Tag = 1149 // s[] extension
	Policies                    Tag = 1150 // s[] selinux *.te policy file.
	Pretrans                    Tag = 1151 // s
	Posttrans                   Tag = 1152 // s
	Pretransprog                Tag = 1153 // s[]
	Posttransprog               Tag = 1154 // s[]
	Disttag                     Tag = 1155 // s
	Oldsuggestsname             Tag = 1156 // s[] - obsolete
	Oldsuggestsversion          Tag = 1157 // s[] - obsolete
	Oldsuggestsflags            Tag = 1158 // i[] - obsolete
	Oldenhancesname             Tag = 1159 // s[] - obsolete
	Oldenhancesversion          Tag = 1160 // s[] - obsolete
	Oldenhancesflags            Tag = 1161 // i[] - obsolete
	Priority                    Tag = 1162 // i[] extension placeholder (unimplemented)
	Cvsid                       Tag = 1163 // s (unimplemented)
	Blinkpkgid                  Tag = 1164 // s[] (unimplemented)
	Blinkhdrid                  Tag = 1165 // s[] (unimplemented)
	Blinknevra                  Tag = 1166 // s[] (unimplemented)
	Flinkpkgid                  Tag = 1167 // s[] (unimplemented)
	Flinkhdrid                  Tag = 1168 // s[] (unimplemented)
	Flinknevra                  Tag = 1169 // s[] (unimplemented)
	Packageorigin               Tag = 1170 // s (unimplemented)
	Triggerprein                Tag = 1171 // internal
	Buildsuggests               Tag = 1172 // internal (unimplemented)
	Buildenhances               Tag = 1173 // internal (unimplemented)
	Scriptstates                Tag = 1174 // i[] scriptlet exit codes (unimplemented)
	Scriptmetrics               Tag = 1175 // i[] scriptlet execution times (unimplemented)
	Buildcpuclock               Tag = 1176 // i (unimplemented)
	Filedigestalgos             Tag = 1177 // i[] (unimplemented)
	Variants                    Tag = 1178 // s[] (unimplemented)
	Xmajor                      Tag = 1179 // i (unimplemented)
	Xminor                      Tag = 1180 // i (unimplemented)
	Repotag                     Tag = 1181 // s (unimplemented)
	Keywords                    Tag = 1182 // s[] (unimplemented)
	Buildplatforms              Tag = 1183 // s[] (unimplemented)
	Packagecolor                Tag = 1184 // i (unimplemented)
	Packageprefcolor            Tag = 1185 // i (unimplemented)
	Xattrsdict                  Tag = 1186 // s[] (unimplemented)
	Filexattrsx                 Tag = 1187 // i[] (unimplemented)
	Depattrsdict                Tag = 1188 // s[] (unimplemented)
	Conflictattrsx              Tag = 1189 // i[] (unimplemented)
	Obsoleteattrsx              Tag = 1190 // i[] (unimplemented)
	Provideattrsx               Tag = 1191 // i[] (unimplemented)
	Requireattrsx               Tag = 1192 // i[] (unimplemented)
	Buildprovides               Tag = 1193 // internal (unimplemented)
	Buildobsoletes              Tag = 1194 // internal (unimplemented)
	Dbinstance                  Tag = 1195 // i extension
	Nvra                        Tag = 1196 // s extension
	Filenames                   Tag = 5000 // s[] extension
	Fileprovide                 Tag = 5001 // s[] extension
	Filerequire                 Tag = 5002 // s[] extension
	Fsnames                     Tag = 5003 // s[] (unimplemented)
	Fssizes                     Tag = 5004 // l[] (unimplemented)
	Triggerconds                Tag = 5005 // s[] extension
	Triggertype                 Tag = 5006 // s[] extension
	Origfilenames               Tag = 5007 // s[] extension
	Longfilesizes               Tag = 5008 // l[]
	Longsize                    Tag = 5009 // l
	Filecaps                    Tag = 5010 // s[]
	Filedigestalgo              Tag = 5011 // i file digest algorithm
	Bugurl                      Tag = 5012 // s
	Evr                         Tag = 5013 // s extension
	Nvr                         Tag = 5014 // s extension
	Nevr                        Tag = 5015 // s extension
	Nevra                       Tag = 5016 // s extension
	Headercolor                 Tag = 5017 // i extension
	Verbose                     Tag = 5018 // i extension
	Epochnum                    Tag = 5019 // i extension
	Preinflags                  Tag = 5020 // i
	Postinflags                 Tag = 5021 // i
	Preunflags                  Tag = 5022 // i
	Postunflags                 Tag = 5023 // i
	Pretransflags               Tag = 5024 // i
	Posttransflags              Tag = 5025 // i
	Verifyscriptflags           Tag = 5026 // i
	Triggerscriptflags          Tag = 5027 // i[]
	Collections                 Tag = 5029 // s[] list of collections (unimplemented)
	Policynames                 Tag = 5030 // s[]
	Policytypes                 Tag = 5031 // s[]
	Policytypesindexes          Tag = 5032 // i[]
	Policyflags                 Tag = 5033 // i[]
	Vcs                         Tag = 5034 // s
	Ordername                   Tag = 5035 // s[]
	Orderversion                Tag = 5036 // s[]
	Orderflags                  Tag = 5037 // i[]
	Mssfmanifest                Tag = 5038 // s[] reservation (unimplemented)
	Mssfdomain                  Tag = 5039 // s[] reservation (unimplemented)
	Instfilenames               Tag = 5040 // s[] extension
	Requirenevrs                Tag = 5041 // s[] extension
	Providenevrs                Tag = 5042 // s[] extension
	Obsoletenevrs               Tag = 5043 // s[] extension
	Conflictnevrs               Tag = 5044 // s[] extension
	Filenlinks                  Tag = 5045 // i[] extension
	Recommendname               Tag = 5046 // s[]
	Recommendversion            Tag = 5047 // s[]
	Recommendflags              Tag = 5048 // i[]
	Suggestname                 Tag = 5049 // s[]
	Suggestversion              Tag = 5050 // s[]
	Suggestflags                Tag = 5051 // i[]
	Supplementname              Tag = 5052 // s[]
	Supplementversion           Tag = 5053 // s[]
	Supplementflags             Tag = 5054 // i[]
	Enhancename                 Tag = 5055 // s[]
	Enhanceversion              Tag = 5056 // s[]
	Enhanceflags                Tag = 5057 // i[]
	Recommendnevrs              Tag = 5058 // s[] extension
	Suggestnevrs                Tag = 5059 // s[] extension
	Supplementnevrs             Tag = 5060 // s[] extension
	Enhancenevrs                Tag = 5061 // s[] extension
	Encoding                    Tag = 5062 // s
	Filetriggerin               Tag = 5063 // internal
	Filetriggerun               Tag = 5064 // internal
	Filetriggerpostun           Tag = 5065 // internal
	Filetriggerscripts          Tag = 5066 // s[]
	Filetriggerscriptprog       Tag = 5067 // s[]
	Filetriggerscriptflags      Tag = 5068 // i[]
	Filetriggername             Tag = 5069 // s[]
	Filetriggerindex            Tag = 5070 // i[]
	Filetriggerversion          Tag = 5071 // s[]
	Filetriggerflags            Tag = 5072 // i[]
	Transfiletriggerin          Tag = 5073 // internal
	Transfiletriggerun          Tag = 5074 // internal
	Transfiletriggerpostun      Tag = 5075 // internal
	Transfiletriggerscripts     Tag = 5076 // s[]
	Transfiletriggerscriptprog  Tag = 5077 // s[]
	Transfiletriggerscriptflags Tag = 5078 // i[]
	Transfiletriggername        Tag = 5079 // s[]
	Transfiletriggerindex       Tag = 5080 // i[]
	Transfiletriggerversion     Tag = 5081 // s[]
	Transfiletriggerflags       Tag = 5082 // i[]
	Removepathpostfixes         Tag = 5083 // s internal
	Filetriggerpriorities       Tag = 5084 // i[]
	Transfiletriggerpriorities  Tag = 5085 // i[]
	Filetriggerconds            Tag = 5086 // s[] extension
	Filetriggertype             Tag = 5087 // s[] extension
	Transfiletriggerconds       Tag = 5088 // s[] extension
	Transfiletriggertype        Tag = 5089 // s[] extension
	Filesignatures              Tag = 5090 // s[]
	Filesignaturelength         Tag = 5091 // i
	Payloaddigest               Tag = 5092 // s[]
	Payloaddigestalgo           Tag = 5093 // i
	Autoinstalled               Tag = 5094 // i reservation (unimplemented)
	Identity                    Tag = 5095 // s reservation (unimplemented)
	Modularitylabel             Tag = 5096 // s
	Payloaddigestalt            Tag = 5097 // s[]
	Archsuffix                  Tag = 5098 // s extension
	Spec                        Tag = 5099 // s
	Translationurl              Tag = 5100 // s
	Upstreamreleases            Tag = 5101 // s
	Sourcelicense               Tag = 5102 // internal
)

// tagNames maps each tag number to rpm's name for it (the first, when several share a number).
func tagNames() map[Tag]string {
	return map[Tag]string{
		61:   "HEADERIMAGE",
		62:   "HEADERSIGNATURES",
		63:   "HEADERIMMUTABLE",
		64:   "HEADERREGIONS",
		100:  "HEADERI18NTABLE",
		257:  "SIGSIZE",
		258:  "SIGLEMD5_1",
		259:  "SIGPGP",
		260:  "SIGLEMD5_2",
		261:  "SIGMD5",
		262:  "SIGGPG",
		263:  "SIGPGP5",
		264:  "BADSHA1_1",
		265:  "BADSHA1_2",
		266:  "PUBKEYS",
		267:  "DSAHEADER",
		268:  "RSAHEADER",
		269:  "SHA1HEADER",
		270:  "LONGSIGSIZE",
		271:  "LONGARCHIVESIZE",
		273:  "SHA256HEADER",
		276:  "VERITYSIGNATURES",
		277:  "VERITYSIGNATUREALGO",
		1000: "NAME",
		1001: "VERSION",
		1002: "RELEASE",
		1003: "EPOCH",
		1004: "SUMMARY",
		1005: "DESCRIPTION",
		1006: "BUILDTIME",
		1007: "BUILDHOST",
		1008: "INSTALLTIME",
		1009: "SIZE",
		1010: "DISTRIBUTION",
		1011: "VENDOR",
		1012: "GIF",
		1013: "XPM",
		1014: "LICENSE",
		1015: "PACKAGER",
		1016: "GROUP",
		1017: "CHANGELOG",
		1018: "SOURCE",
		1019: "PATCH",
		1020: "URL",
		1021: "OS",
		1022: "ARCH",
		1023: "PREIN",
		1024: "POSTIN",
		1025: "PREUN",
		1026: "POSTUN",
		1027: "OLDFILENAMES",
		1028: "FILESIZES",
		1029: "FILESTATES",
		1030: "FILEMODES",
		1031: "FILEUIDS",
		1032: "FILEGIDS",
		1033: "FILERDEVS",
		1034: "FILEMTIMES",
		1035: "FILEDIGESTS",
		1036: "FILELINKTOS",
		1037: "FILEFLAGS",
		1038: "ROOT",
		1039: "FILEUSERNAME",
		1040: "FILEGROUPNAME",
		1041: "EXCLUDE",
		1042: "EXCLUSIVE",
		1043: "ICON",
		1044: "SOURCERPM",
		1045: "FILEVERIFYFLAGS",
		1046: "ARCHIVESIZE",
		1047: "PROVIDENAME",
		1048: "REQUIREFLAGS",
		1049: "REQUIRENAME",
		1050: "REQUIREVERSION",
		1051: "NOSOURCE",
		1052: "NOPATCH",
		1053: "CONFLICTFLAGS",
		1054: "CONFLICTNAME",
		1055: "CONFLICTVERSION",
		1056: "DEFAULTPREFIX",
		1057: "BUILDROOT",
		1058: "INSTALLPREFIX",
		1059: "EXCLUDEARCH",
		1060: "EXCLUDEOS",
		1061: "EXCLUSIVEARCH",
		1062: "EXCLUSIVEOS",
		1063: "AUTOREQPROV",
		1064: "RPMVERSION",
		1065: "TRIGGERSCRIPTS",
		1066: "TRIGGERNAME",
		1067: "TRIGGERVERSION",
		1068: "TRIGGERFLAGS",
		1069: "TRIGGERINDEX",
		1079: "VERIFYSCRIPT",
		1080: "CHANGELOGTIME",
		1081: "CHANGELOGNAME",
		1082: "CHANGELOGTEXT",
		1083: "BROKENMD5",
		1084: "PREREQ",
		1085: "PREINPROG",
		1086: "POSTINPROG",
		1087: "PREUNPROG",
		1088: "POSTUNPROG",
		1089: "BUILDARCHS",
		1090: "OBSOLETENAME",
		1091: "VERIFYSCRIPTPROG",
		1092: "TRIGGERSCRIPTPROG",
		1093: "DOCDIR",
		1094: "COOKIE",
		1095: "FILEDEVICES",
		1096: "FILEINODES",
		1097: "FILELANGS",
		1098: "PREFIXES",
		1099: "INSTPREFIXES",
		1100: "TRIGGERIN",
		1101: "TRIGGERUN",
		1102: "TRIGGERPOSTUN",
		1103: "AUTOREQ",
		1104: "AUTOPROV",
		1105: "CAPABILITY",
		1106: "SOURCEPACKAGE",
		1107: "OLDORIGFILENAMES",
		1108: "BUILDPREREQ",
		1109: "BUILDREQUIRES",
		1110: "BUILDCONFLICTS",
		1111: "BUILDMACROS",
		1112: "PROVIDEFLAGS",
		1113: "PROVIDEVERSION",
		1114: "OBSOLETEFLAGS",
		1115: "OBSOLETEVERSION",
		1116: "DIRINDEXES",
		1117: "BASENAMES",
		1118: "DIRNAMES",
		1119: "ORIGDIRINDEXES",
		1120: "ORIGBASENAMES",
		1121: "ORIGDIRNAMES",
		1122: "OPTFLAGS",
		1123: "DISTURL",
		1124: "PAYLOADFORMAT",
		1125: "PAYLOADCOMPRESSOR",
		1126: "PAYLOADFLAGS",
		1127: "INSTALLCOLOR",
		1128: "INSTALLTID",
		1129: "REMOVETID",
		1130: "SHA1RHN",
		1131: "RHNPLATFORM",
		1132: "PLATFORM",
		1133: "PATCHESNAME",
		1134: "PATCHESFLAGS",
		1135: "PATCHESVERSION",
		1136: "CACHECTIME",
		1137: "CACHEPKGPATH",
		1138: "CACHEPKGSIZE",
		1139: "CACHEPKGMTIME",
		1140: "FILECOLORS",
		1141: "FILECLASS",
		1142: "CLASSDICT",
		1143: "FILEDEPENDSX",
		1144: "FILEDEPENDSN",
		1145: "DEPENDSDICT",
		1146: "SOURCEPKGID",
		1147: "FILECONTEXTS",
		1148: "FSCONTEXTS",
		1149: "RECONTEXTS",
		1150: "POLICIES",
		1151: "PRETRANS",
		1152: "POSTTRANS",
		1153: "PRETRANSPROG",
		1154: "POSTTRANSPROG",
		1155: "DISTTAG",
		1156: "OLDSUGGESTSNAME",
		1157: "OLDSUGGESTSVERSION",
		1158: "OLDSUGGESTSFLAGS",
		1159: "OLDENHANCESNAME",
		1160: "OLDENHANCESVERSION",
		1161: "OLDENHANCESFLAGS",
		1162: "PRIORITY",
		1163: "CVSID",
		1164: "BLINKPKGID",
		1165: "BLINKHDRID",
		1166: "BLINKNEVRA",
		1167: "FLINKPKGID",
		1168: "FLINKHDRID",
		1169: "FLINKNEVRA",
		1170: "PACKAGEORIGIN",
		1171: "TRIGGERPREIN",
		1172: "BUILDSUGGESTS",
		1173: "BUILDENHANCES",
		1174: "SCRIPTSTATES",
		1175: "SCRIPTMETRICS",
		1176: "BUILDCPUCLOCK",
		1177: "FILEDIGESTALGOS",
		1178: "VARIANTS",
		1179: "XMAJOR",
		1180: "XMINOR",
		1181: "REPOTAG",
		1182: "KEYWORDS",
		1183: "BUILDPLATFORMS",
		1184: "PACKAGECOLOR",
		1185: "PACKAGEPREFCOLOR",
		1186: "XATTRSDICT",
		1187: "FILEXATTRSX",
		1188: "DEPATTRSDICT",
		1189: "CONFLICTATTRSX",
		1190: "OBSOLETEATTRSX",
		1191: "PROVIDEATTRSX",
		1192: "REQUIREATTRSX",
		1193: "BUILDPROVIDES",
		1194: "BUILDOBSOLETES",
		1195: "DBINSTANCE",
		1196: "NVRA",
		5000: "FILENAMES",
		5001: "FILEPROVIDE",
		5002: "FILEREQUIRE",
		5003: "FSNAMES",
		5004: "FSSIZES",
		5005: "TRIGGERCONDS",
		5006: "TRIGGERTYPE",
		5007: "ORIGFILENAMES",
		5008: "LONGFILESIZES",
		5009: "LONGSIZE",
		5010: "FILECAPS",
		5011: "FILEDIGESTALGO",
		5012: "BUGURL",
		5013: "EVR",
		5014: "NVR",
		5015: "NEVR",
		5016: "NEVRA",
		5017: "HEADERCOLOR",
		5018: "VERBOSE",
		5019: "EPOCHNUM",
		5020: "PREINFLAGS",
		5021: "POSTINFLAGS",
		5022: "PREUNFLAGS",
		5023: "POSTUNFLAGS",
		5024: "PRETRANSFLAGS",
		5025: "POSTTRANSFLAGS",
		5026: "VERIFYSCRIPTFLAGS",
		5027: "TRIGGERSCRIPTFLAGS",
		5029: "COLLECTIONS",
		5030: "POLICYNAMES",
		5031: "POLICYTYPES",
		5032: "POLICYTYPESINDEXES",
		5033: "POLICYFLAGS",
		5034: "VCS",
		5035: "ORDERNAME",
		5036: "ORDERVERSION",
		5037: "ORDERFLAGS",
		5038: "MSSFMANIFEST",
		5039: "MSSFDOMAIN",
		5040: "INSTFILENAMES",
		5041: "REQUIRENEVRS",
		5042: "PROVIDENEVRS",
		5043: "OBSOLETENEVRS",
		5044: "CONFLICTNEVRS",
		5045: "FILENLINKS",
		5046: "RECOMMENDNAME",
		5047: "RECOMMENDVERSION",
		5048: "RECOMMENDFLAGS",
		5049: "SUGGESTNAME",
		5050: "SUGGESTVERSION",
		5051: "SUGGESTFLAGS",
		5052: "SUPPLEMENTNAME",
		5053: "SUPPLEMENTVERSION",
		5054: "SUPPLEMENTFLAGS",
		5055: "ENHANCENAME",
		5056: "ENHANCEVERSION",
		5057: "ENHANCEFLAGS",
		5058: "RECOMMENDNEVRS",
		5059: "SUGGESTNEVRS",
		5060: "SUPPLEMENTNEVRS",
		5061: "ENHANCENEVRS",
		5062: "ENCODING",
		5063: "FILETRIGGERIN",
		5064: "FILETRIGGERUN",
		5065: "FILETRIGGERPOSTUN",
		5066: "FILETRIGGERSCRIPTS",
		5067: "FILETRIGGERSCRIPTPROG",
		5068: "FILETRIGGERSCRIPTFLAGS",
		5069: "FILETRIGGERNAME",
		5070: "FILETRIGGERINDEX",
		5071: "FILETRIGGERVERSION",
		5072: "FILETRIGGERFLAGS",
		5073: "TRANSFILETRIGGERIN",
		5074: "TRANSFILETRIGGERUN",
		5075: "TRANSFILETRIGGERPOSTUN",
		5076: "TRANSFILETRIGGERSCRIPTS",
		5077: "TRANSFILETRIGGERSCRIPTPROG",
		5078: "TRANSFILETRIGGERSCRIPTFLAGS",
		5079: "TRANSFILETRIGGERNAME",
		5080: "TRANSFILETRIGGERINDEX",
		5081: "TRANSFILETRIGGERVERSION",
		5082: "TRANSFILETRIGGERFLAGS",
		5083: "REMOVEPATHPOSTFIXES",
		5084: "FILETRIGGERPRIORITIES",
		5085: "TRANSFILETRIGGERPRIORITIES",
		5086: "FILETRIGGERCONDS",
		5087: "FILETRIGGERTYPE",
		5088: "TRANSFILETRIGGERCONDS",
		5089: "TRANSFILETRIGGERTYPE",
		5090: "FILESIGNATURES",
		5091: "FILESIGNATURELENGTH",
		5092: "PAYLOADDIGEST",
		5093: "PAYLOADDIGESTALGO",
		5094: "AUTOINSTALLED",
		5095: "IDENTITY",
		5096: "MODULARITYLABEL",
		5097: "PAYLOADDIGESTALT",
		5098: "ARCHSUFFIX",
		5099: "SPEC",
		5100: "TRANSLATIONURL",
		5101: "UPSTREAMRELEASES",
		5102: "SOURCELICENSE",
	}
}
