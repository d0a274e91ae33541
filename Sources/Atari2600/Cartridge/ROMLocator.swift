import Foundation

/// Finds ROM images by MD5 in the folders a user can point at: `ZOO_ATARI_ROMS`, then the
/// `roms` folder of an `ale-py` installed in a virtual environment or a Python's
/// site-packages. ROMs are not shipped with Zoo; `pip install ale-py` provides them.
public enum ROMLocator {
    /// The folders searched, in order.
    public static func searchFolders(environment: [String: String] = ProcessInfo.processInfo.environment) -> [URL] {
        var folders: [URL] = []
        if let explicit = environment["ZOO_ATARI_ROMS"], !explicit.isEmpty {
            folders.append(URL(fileURLWithPath: explicit))
        }
        let fm = FileManager.default
        var prefixes: [String] = []
        if let venv = environment["VIRTUAL_ENV"] { prefixes.append(venv) }
        prefixes.append(fm.currentDirectoryPath + "/.venv")
        let home = environment["HOME"] ?? NSHomeDirectory()
        prefixes.append(home + "/.local")
        for root in [home + "/.pyenv/versions", "/opt/conda/envs"] {
            for name in (try? fm.contentsOfDirectory(atPath: root))?.sorted() ?? [] { prefixes.append(root + "/" + name) }
        }
        prefixes += ["/usr/local", "/usr", "/opt/conda", "/opt/homebrew"]
        for prefix in prefixes {
            let lib = prefix + "/lib"
            for python in (try? fm.contentsOfDirectory(atPath: lib))?.sorted() ?? [] where python.hasPrefix("python3") {
                for packages in ["site-packages", "dist-packages"] {
                    let roms = "\(lib)/\(python)/\(packages)/ale_py/roms"
                    if fm.fileExists(atPath: roms) { folders.append(URL(fileURLWithPath: roms)) }
                }
            }
        }
        return folders
    }

    /// The ROM image whose MD5 is `md5`, looking first for `name` (e.g. "pong.bin") in each
    /// folder, then at every `.bin`/`.a26` file; nil when no folder has it.
    public static func find(md5: String, name: String, environment: [String: String] = ProcessInfo.processInfo.environment) -> [UInt8]? {
        let fm = FileManager.default
        for folder in searchFolders(environment: environment) {
            var candidates = [folder.appendingPathComponent(name)]
            let others = (try? fm.contentsOfDirectory(atPath: folder.path))?.sorted() ?? []
            candidates += others.filter { $0.hasSuffix(".bin") || $0.hasSuffix(".a26") }.map { folder.appendingPathComponent($0) }
            for url in candidates {
                guard let data = fm.contents(atPath: url.path), data.count <= 65536 else { continue }
                let bytes = [UInt8](data)
                if MD5.hex(bytes) == md5 { return bytes }
            }
        }
        return nil
    }
}
