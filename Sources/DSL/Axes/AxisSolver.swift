/// A pattern matched against actual operands: ellipses expanded, every elementary axis
/// ("leaf") given a size solved from the shapes and the caller's named sizes.
struct AxisSolution {
    /// One elementary axis.
    struct Leaf: Equatable {
        /// Identity: the axis name, `...i` for the i-th ellipsis axis, `#offset` for a
        /// numeric axis (each occurrence is its own axis).
        let id: String
        /// How the pattern writes it.
        let display: String
        let bracketed: Bool
        let range: Range<Int>
        let fixedSize: Int?
    }

    /// One axis of an operand: a single leaf, or a composition `( … )` of leaves.
    struct Dim {
        var leaves: [Leaf]
        var isGroup: Bool
    }

    /// One operand's axes.
    struct Operand {
        var dims: [Dim]
        var leaves: [Leaf] { dims.flatMap(\.leaves) }
        var ids: [String] { leaves.map(\.id) }
    }

    let pattern: AxisPattern
    var inputs: [Operand]
    var output: Operand?
    /// Size of every leaf, by id.
    var sizes: [String: Int]

    var text: String { pattern.text }

    /// Matches `pattern` against operand shapes and named sizes.
    init(_ pattern: AxisPattern, shapes: [[Int]], sizes named: [String: Int]) throws(AxisPatternError) {
        self.pattern = pattern
        let text = pattern.text
        guard pattern.inputs.count == shapes.count else {
            throw AxisPatternError(.operandCount, text,
                                   "the pattern has \(pattern.inputs.count) input operand(s) but \(shapes.count) tensor(s) were given")
        }
        // Ellipsis length, from the first input that has one.
        var ellipsisCount: Int?
        for (i, operand) in pattern.inputs.enumerated() {
            let ellipses = operand.items.filter { if case .ellipsis = $0.kind { return true } else { return false } }
            if ellipses.count > 1 {
                throw AxisPatternError(.syntax, text, "an operand may contain '...' only once", at: ellipses[1].range)
            }
            let fixed = operand.items.count - ellipses.count
            if let e = ellipses.first {
                let k = shapes[i].count - fixed
                if k < 0 {
                    throw AxisPatternError(.rankMismatch, text,
                                           "input \(i + 1) has rank \(shapes[i].count) but its expression needs at least \(fixed) axes",
                                           at: operand.range)
                }
                if let known = ellipsisCount, known != k {
                    throw AxisPatternError(.inconsistentSizes, text,
                                           "'...' stands for \(known) axes in one input and \(k) in input \(i + 1)", at: e.range)
                }
                ellipsisCount = k
            } else if fixed != shapes[i].count {
                throw AxisPatternError(.rankMismatch, text,
                                       "input \(i + 1) has rank \(shapes[i].count) (shape \(shapes[i])) but its expression has \(fixed) axes",
                                       at: operand.range)
            }
        }
        inputs = try pattern.inputs.map { operand throws(AxisPatternError) in
            try Self.expand(operand, ellipsisCount: ellipsisCount, text: text)
        }
        output = try pattern.output.map { operand throws(AxisPatternError) in
            try Self.expand(operand, ellipsisCount: ellipsisCount, text: text)
        }
        sizes = [:]
        try checkBracketConsistency()
        try solveSizes(shapes: shapes, named: named)
    }

    private static func expand(_ operand: AxisPattern.Operand, ellipsisCount: Int?, text: String) throws(AxisPatternError) -> Operand {
        var dims: [Dim] = []
        var seen: [String: Range<Int>] = [:]
        func leaf(_ item: AxisPattern.Item) throws(AxisPatternError) -> Leaf {
            switch item.kind {
            case .name(let name):
                if seen[name] != nil {
                    throw AxisPatternError(.invalidAxis, text, "axis '\(name)' appears twice in one operand", at: item.range)
                }
                seen[name] = item.range
                return Leaf(id: name, display: name, bracketed: item.bracketed, range: item.range, fixedSize: nil)
            case .number(let n):
                return Leaf(id: "#\(item.range.lowerBound)", display: "\(n)", bracketed: item.bracketed,
                            range: item.range, fixedSize: n)
            case .ellipsis, .group:
                throw AxisPatternError(.unsupported, text, "'...' and nested compositions are not supported inside '( )'",
                                       at: item.range)
            }
        }
        for item in operand.items {
            switch item.kind {
            case .ellipsis:
                guard let k = ellipsisCount else {
                    throw AxisPatternError(.invalidAxis, text, "the output has '...' but no input does", at: item.range)
                }
                for i in 0..<k {
                    dims.append(Dim(leaves: [Leaf(id: "...\(i)", display: "...", bracketed: item.bracketed,
                                                  range: item.range, fixedSize: nil)], isGroup: false))
                }
            case .group(let inner):
                var leaves: [Leaf] = []
                for sub in inner { leaves.append(try leaf(sub)) }
                dims.append(Dim(leaves: leaves, isGroup: true))
            default:
                dims.append(Dim(leaves: [try leaf(item)], isGroup: false))
            }
        }
        return Operand(dims: dims)
    }

    private func checkBracketConsistency() throws(AxisPatternError) {
        var state: [String: Bool] = [:]
        for operand in inputs {
            for leaf in operand.leaves where leaf.fixedSize == nil {
                if let b = state[leaf.id], b != leaf.bracketed {
                    throw AxisPatternError(.invalidAxis, text,
                                           "axis '\(leaf.display)' is bracketed in one place and not in another", at: leaf.range)
                }
                state[leaf.id] = leaf.bracketed
            }
        }
    }

    private mutating func solveSizes(shapes: [[Int]], named: [String: Int]) throws(AxisPatternError) {
        let allLeaves = inputs.flatMap(\.leaves) + (output?.leaves ?? [])
        for (name, size) in named.sorted(by: { $0.key < $1.key }) {
            guard allLeaves.contains(where: { $0.id == name }) else {
                throw AxisPatternError(.invalidAxis, text, "a size was given for axis '\(name)', which the pattern does not name")
            }
            guard size > 0 else {
                throw AxisPatternError(.invalidAxis, text, "axis '\(name)' was given size \(size); sizes must be positive")
            }
            sizes[name] = size
        }
        for leaf in allLeaves {
            if let n = leaf.fixedSize { sizes[leaf.id] = n }
        }
        // Equations: for every input axis, the product of its leaves equals its size.
        var equations: [(leaves: [Leaf], size: Int, operand: Int, axis: Int)] = []
        for (i, operand) in inputs.enumerated() {
            for (d, dim) in operand.dims.enumerated() {
                equations.append((dim.leaves, shapes[i][d], i, d))
            }
        }
        var progress = true
        while progress {
            progress = false
            for eq in equations {
                let unknown = eq.leaves.filter { sizes[$0.id] == nil }
                let known = eq.leaves.reduce(1) { $0 * (sizes[$1.id] ?? 1) }
                if unknown.isEmpty {
                    if known != eq.size { throw inconsistency(eq.leaves, eq.size, operand: eq.operand, axis: eq.axis) }
                } else if unknown.count == 1 {
                    guard known > 0, eq.size % known == 0, eq.size / known > 0 else {
                        throw inconsistency(eq.leaves, eq.size, operand: eq.operand, axis: eq.axis)
                    }
                    sizes[unknown[0].id] = eq.size / known
                    progress = true
                }
            }
        }
        let unsolved = allLeaves.filter { sizes[$0.id] == nil }
        if !unsolved.isEmpty {
            var names: [String] = []
            for leaf in unsolved where !names.contains(leaf.display) { names.append(leaf.display) }
            throw AxisPatternError(.unconstrainedAxes, text,
                                   "cannot determine the size of axes \(names.joined(separator: ", ")) — give more constraints, e.g. [\"\(names[0])\": n]",
                                   at: unsolved[0].range)
        }
    }

    private func inconsistency(_ leaves: [Leaf], _ size: Int, operand: Int, axis: Int) -> AxisPatternError {
        let parts = leaves.map { "\($0.display)=\(sizes[$0.id].map(String.init) ?? "?")" }.joined(separator: " × ")
        let written = leaves.count == 1 ? leaves[0].display : "(" + leaves.map(\.display).joined(separator: " ") + ")"
        let location = leaves.isEmpty ? nil : leaves[0].range.lowerBound..<leaves[leaves.count - 1].range.upperBound
        return AxisPatternError(.inconsistentSizes, text,
                                "inconsistent sizes: axis \(axis) of input \(operand + 1) has size \(size), but \(written) needs \(parts.isEmpty ? "1" : parts)",
                                at: location)
    }

    // MARK: Lowering helpers

    /// The size of leaf `id`. Every leaf has one once `init` returns (unsolved sizes throw
    /// `unconstrainedAxes` there), so a miss is a programming error in a lowering.
    func size(_ id: String) -> Int {
        guard let n = sizes[id] else { preconditionFailure("axis '\(id)' was never sized") }
        return n
    }

    /// Sizes of an operand's leaves.
    func leafShape(_ operand: Operand) -> [Int] { operand.leaves.map { size($0.id) } }

    /// Sizes of an operand's axes (products of their leaves).
    func dimShape(_ operand: Operand) -> [Int] {
        operand.dims.map { $0.leaves.reduce(1) { $0 * size($1.id) } }
    }

    /// `x` (laid out as leaves `from`) permuted and reshaped into `target`'s axes.
    /// Size-1 leaves may appear on one side only; every other leaf must be on both.
    func arrange(_ x: Tensor, leaves from: [String], into target: Operand) throws(AxisPatternError) -> Tensor {
        let targetIDs = target.ids.filter { size($0) != 1 || from.contains($0) }
        let sourceIDs = from.filter { size($0) != 1 || targetIDs.contains($0) }
        for leaf in target.leaves where !sourceIDs.contains(leaf.id) && size(leaf.id) != 1 {
            throw AxisPatternError(.unknownOutputAxis, text, "output axis '\(leaf.display)' appears in no input", at: leaf.range)
        }
        for id in sourceIDs where !targetIDs.contains(id) {
            let leaf = inputs.flatMap(\.leaves).first { $0.id == id }
            throw AxisPatternError(.missingOutputAxis, text,
                                   "input axis '\(leaf?.display ?? id)' is missing from the output", at: leaf?.range)
        }
        let squeezed = x.reshaped(sourceIDs.map { size($0) })
        let perm = targetIDs.map { sourceIDs.firstIndex(of: $0)! }
        return squeezed.permuted(perm).reshaped(dimShape(target))
    }

    /// The first leaf with this id anywhere in the pattern (for error locations).
    func leaf(_ id: String) -> Leaf? {
        (inputs.flatMap(\.leaves) + (output?.leaves ?? [])).first { $0.id == id }
    }
}
