import Atari2600
import Foundation

/// Finds a game's ROM for the Atari environments.
///
/// Why it exists: Zoo ships no ROMs. A recipe's `roms` kwarg names a folder, searched
/// first; then the emulator's `ROMLocator` folders (`ZOO_ATARI_ROMS`, an installed
/// `ale_py`'s `roms`). A missing ROM is one typed error that says how to get it.
enum AtariROMs {
    static func load(_ game: AtariGame, folder: String) throws(EnvError) -> Cartridge {
        let name = game.romName + ".bin"
        let own = ProcessInfo.processInfo.environment
        var environments = [own]
        if !folder.isEmpty {
            var first = own
            first["ZOO_ATARI_ROMS"] = folder
            environments.insert(first, at: 0)
        }
        var searched: [String] = []
        for environment in environments {
            if let rom = ROMLocator.find(md5: game.md5, name: name, environment: environment) {
                return try cartridge(rom, game)
            }
            for path in ROMLocator.searchFolders(environment: environment).map(\.path) where !searched.contains(path) {
                searched.append(path)
            }
        }
        throw .romNotFound(game: game.name, file: name, md5: game.md5, searched: searched)
    }

    private static func cartridge(_ rom: [UInt8], _ game: AtariGame) throws(EnvError) -> Cartridge {
        do {
            return try Cartridge(rom: rom)
        } catch {
            throw .invalidArgument("the ROM of \(game.name) cannot be loaded: \(error)")
        }
    }
}
