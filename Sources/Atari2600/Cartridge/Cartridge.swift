/// A game cartridge: the ROM image, its bank-switching state and any extra RAM.
///
/// Part of the console's state (a value type), so cloning the console clones the bank
/// selection and the SuperChip RAM with it.
public struct Cartridge: Sendable, Equatable {
    /// The ROM image as loaded.
    public let rom: [UInt8]
    /// The ROM's MD5 as 32 hexadecimal digits (how ROMs are identified).
    public let md5: String
    /// How the ROM is mapped into the 4 KiB window.
    public let scheme: BankSwitching
    /// Offset in `rom` of the 4 KiB bank in view (F8, F6, FE and their variants).
    var bankOffset = 0
    /// Offsets in `rom` of the 1 KiB slices in view in each quarter of the window (E0).
    var sliceOffsets: [Int] = [0, 0, 0, 0]
    /// SuperChip RAM (128 bytes; empty for other schemes).
    public internal(set) var ram: [UInt8]
    /// FE: the last bus access was to 0x01FE, so the next data byte selects the bank.
    var stackWatch = false

    /// Why a ROM image cannot be used.
    public enum LoadError: Error, Equatable, CustomStringConvertible {
        case unsupportedSize(Int)

        public var description: String {
            switch self {
            case .unsupportedSize(let size):
                return "a ROM of \(size) bytes has no supported bank-switching scheme (2, 4, 8 or 16 KiB)"
            }
        }
    }

    /// A cartridge for `rom`, its scheme detected from its size and MD5 unless given.
    public init(rom: [UInt8], scheme: BankSwitching? = nil) throws(LoadError) {
        let md5 = MD5.hex(rom)
        guard let scheme = scheme ?? BankSwitching.detect(rom: rom, md5: md5) else {
            throw .unsupportedSize(rom.count)
        }
        self.rom = rom
        self.md5 = md5
        self.scheme = scheme
        self.ram = scheme == .f8sc || scheme == .f6sc ? [UInt8](repeating: 0, count: 128) : []
        reset()
    }

    /// Power-on bank selection: the last bank (where the reset vector lives) for the
    /// switched schemes; E0 shows slices 4, 5 and 6 (then 7).
    public mutating func reset() {
        switch scheme {
        case .plain2K, .plain4K: bankOffset = 0
        case .f8, .f6, .f8sc, .f6sc, .fe: bankOffset = rom.count - 4096
        case .e0: sliceOffsets = [4 * 1024, 5 * 1024, 6 * 1024, 7 * 1024]
        }
        stackWatch = false
    }

    /// Whether this cartridge has SuperChip RAM for the console's random fill at reset.
    public var hasExtraRAM: Bool { !ram.isEmpty }

    /// Replaces the SuperChip RAM (the console fills it at reset).
    mutating func fillRAM(_ bytes: [UInt8]) {
        for k in ram.indices { ram[k] = bytes[k] }
    }

    /// Switches banks if `offset` (within the 4 KiB window) is a hotspot.
    @inline(__always)
    mutating func touch(_ offset: Int) {
        switch scheme {
        case .f8, .f8sc:
            if offset == 0xFF8 || offset == 0xFF9 { bankOffset = (offset - 0xFF8) * 4096 }
        case .f6, .f6sc:
            if offset >= 0xFF6 && offset <= 0xFF9 { bankOffset = (offset - 0xFF6) * 4096 }
        case .e0:
            if offset >= 0xFE0 && offset <= 0xFF7 {
                let quarter = (offset - 0xFE0) >> 3
                sliceOffsets[quarter] = (offset & 7) * 1024
            }
        case .plain2K, .plain4K, .fe:
            break
        }
    }

    /// A read in the cartridge window (`offset` = address & 0x0FFF).
    @inline(__always)
    mutating func read(_ offset: Int) -> UInt8 {
        switch scheme {
        case .plain2K: return rom[offset & 0x7FF]
        case .plain4K: return rom[offset]
        case .fe: return rom[bankOffset + offset]
        case .e0:
            touch(offset)
            return rom[sliceOffsets[offset >> 10] + (offset & 0x3FF)]
        case .f8, .f6:
            touch(offset)
            return rom[bankOffset + offset]
        case .f8sc, .f6sc:
            touch(offset)
            if offset < 0x100 { return ram[offset & 0x7F] }
            return rom[bankOffset + offset]
        }
    }

    /// A write in the cartridge window: hotspots switch banks; SuperChip RAM is written
    /// through 0x1000-0x107F.
    @inline(__always)
    mutating func write(_ offset: Int, _ value: UInt8) {
        if (scheme == .f8sc || scheme == .f6sc) && offset < 0x80 {
            ram[offset] = value
            return
        }
        touch(offset)
    }

    /// FE bank switching watches every bus access: after 0x01FE, the next data byte's
    /// bit 5 selects the bank (set: the first 4 KiB of the image, clear: the second).
    @inline(__always)
    mutating func observe(address: UInt16, value: UInt8) {
        if stackWatch {
            bankOffset = value & 0x20 != 0 ? 0 : 4096
        }
        stackWatch = address & 0x1FFF == 0x01FE
    }
}
