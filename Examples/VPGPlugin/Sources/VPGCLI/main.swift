import VPG
import ZooCommandLine

// `vpg-zoo`: Zoo's whole command line (train, validate, eval, play, compare, list, bench,
// new-plugin) with VPG registered. To offer Zoo's own algorithms as well:
// `import Plugins` and `plugins: BuiltinPlugins.all + [VPG.self]`.
ZooCommandLine.main(plugins: [VPG.self])
