import DSL
import Testing

/// `rows(_:)` picks whole rows by index, in order, repeats allowed (NumPy's `x[indices]`).
@Suite("Row selection")
struct RowSelectionTests {
    @Test func picksRowsInOrderWithRepeats() {
        let x = Tensor(shape: [3, 2, 2], scalars: (0..<12).map(Float.init))
        let picked = x.rows([2, 0, 2])
        #expect(picked.shape == [3, 2, 2])
        #expect(picked.scalars == [8, 9, 10, 11, 0, 1, 2, 3, 8, 9, 10, 11])
        #expect(Tensor(shape: [4], scalars: [5, 6, 7, 8]).rows([3, 1]).scalars == [8, 6])
        #expect(x.rows([]).shape == [0, 2, 2])
    }
}
