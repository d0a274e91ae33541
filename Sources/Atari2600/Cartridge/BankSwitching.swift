/// How a cartridge maps its ROM (and any extra RAM) into the 4 KiB window the 6507 sees.
///
/// The 2600 addresses only 4 KiB of cartridge; larger games switch banks by touching
/// "hotspot" addresses. The scheme is chosen from the ROM's size, its MD5 (for the 8 KiB
/// schemes that share a size) and, for the SuperChip variants, the RAM window's contents.
public enum BankSwitching: String, Sendable, CaseIterable {
    /// 2 KiB, mirrored twice in the window.
    case plain2K = "2K"
    /// 4 KiB, no switching.
    case plain4K = "4K"
    /// Atari 8 KiB: two 4 KiB banks, switched by touching 0x1FF8 / 0x1FF9.
    case f8 = "F8"
    /// Atari 16 KiB: four 4 KiB banks, switched by touching 0x1FF6 to 0x1FF9.
    case f6 = "F6"
    /// F8 with the SuperChip: 128 bytes of RAM, written at 0x1000-0x107F, read at 0x1080-0x10FF.
    case f8sc = "F8SC"
    /// F6 with the SuperChip RAM.
    case f6sc = "F6SC"
    /// Parker Brothers 8 KiB: eight 1 KiB slices; 0x1FE0-0x1FF7 choose the slices seen in
    /// the first three quarters of the window, the last quarter always shows slice 7.
    case e0 = "E0"
    /// Activision 8 KiB: the bank follows the stack — after an access to 0x01FE, bit 5 of
    /// the next byte on the data bus (a return address's high byte) selects the bank.
    case fe = "FE"

    /// The 8 KiB ROMs (of ALE's set) that are not F8, by MD5.
    static let knownSchemes: [String: BankSwitching] = [
        "085322bae40d904f53bdcc56df0593fc": .e0,  // Tutankham
        "3347a6dd59049b15a38394aa2dafa585": .e0,  // Montezuma's Revenge
        "e51030251e440cffaab1ac63438b44ae": .e0,  // James Bond 007
        "4f618c2429138e0280969193ed6c107e": .fe,  // Robot Tank
    ]

    /// The scheme for a ROM image, or nil when its size is not one of 2, 4, 8 or 16 KiB.
    public static func detect(rom: [UInt8], md5: String) -> BankSwitching? {
        if let known = knownSchemes[md5] { return known }
        switch rom.count {
        case 2048: return .plain2K
        case 4096: return .plain4K
        case 8192: return hasSuperChipWindow(rom) ? .f8sc : .f8
        case 16384: return hasSuperChipWindow(rom) ? .f6sc : .f6
        default: return nil
        }
    }

    /// A SuperChip cartridge's RAM hides the first 256 bytes of every bank, so those bytes
    /// are filler: one value repeated, the same in every bank.
    static func hasSuperChipWindow(_ rom: [UInt8]) -> Bool {
        let first = rom[0]
        for bank in stride(from: 0, to: rom.count, by: 4096) {
            for k in 0..<256 where rom[bank + k] != first { return false }
        }
        return true
    }
}
