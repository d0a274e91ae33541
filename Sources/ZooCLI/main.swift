import Plugins
import ZooCommandLine

// The `zoo` executable: the command line with the algorithms that ship with Zoo.
ZooCommandLine.main(plugins: BuiltinPlugins.all)
