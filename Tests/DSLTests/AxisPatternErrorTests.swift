import Testing
@testable import DSL

/// Every way a named-axis pattern can be wrong gives a typed error that quotes the
/// pattern and points at the offending part — never a crash.
@Suite("Named-axis error cases")
struct AxisPatternErrorTests {
    /// Runs `body`, expects an `AxisPatternError` of `kind` whose caret starts at character
    /// `at` of the pattern and whose message mentions `mentions`.
    func expectError(_ kind: AxisPatternError.Kind, at offset: Int? = nil, mentions: String,
                     sourceLocation: SourceLocation = #_sourceLocation,
                     _ body: () throws -> Tensor) {
        do {
            _ = try body()
            Issue.record("expected a \(kind) error", sourceLocation: sourceLocation)
        } catch let error as AxisPatternError {
            #expect(error.kind == kind, "\(error)", sourceLocation: sourceLocation)
            #expect(error.message.contains(mentions), "message: \(error.message)", sourceLocation: sourceLocation)
            #expect(error.description.contains(error.pattern), sourceLocation: sourceLocation)
            if let offset {
                #expect(error.location?.lowerBound == offset, "caret at \(String(describing: error.location))",
                        sourceLocation: sourceLocation)
                #expect(error.description.contains("^"), sourceLocation: sourceLocation)
            }
        } catch {
            Issue.record("expected AxisPatternError, got \(error)", sourceLocation: sourceLocation)
        }
    }

    let x = Tensor.zeros([6, 4])

    @Test func unconstrainedAxis() {
        expectError(.unconstrainedAxes, at: 1, mentions: "cannot determine the size of axes env, gen") {
            try rearrange("(env gen) s -> env gen s", x)
        }
    }

    @Test func inconsistentSizes() {
        expectError(.inconsistentSizes, at: 1, mentions: "axis 0 of input 1 has size 6") {
            try rearrange("(env gen) s -> env gen s", x, ["gen": 4, "env": 2])
        }
        expectError(.inconsistentSizes, at: 1, mentions: "has size 6") {
            try rearrange("(env gen) s -> env gen s", x, ["gen": 4])
        }
    }

    @Test func rankMismatch() {
        expectError(.rankMismatch, at: 0, mentions: "rank 2") { try sum("a b c", x) }
    }

    @Test func unclosedBracketAndParenthesis() {
        expectError(.syntax, at: 2, mentions: "never closed") { try sum("a [b", x) }
        expectError(.syntax, at: 0, mentions: "never closed") { try rearrange("(a b c -> a b", x) }
        expectError(.syntax, at: 3, mentions: "no matching opening") { try sum("a b]", x) }
    }

    @Test func inputAxisMissingFromRearrangeOutput() {
        expectError(.missingOutputAxis, at: 2, mentions: "'b' is missing from the output") {
            try rearrange("a b -> a", x)
        }
    }

    @Test func outputAxisInNoInput() {
        expectError(.unknownOutputAxis, at: 11, mentions: "'c' appears in no input") {
            try rearrange("a b -> a b c", x, ["c": 2])
        }
    }

    @Test func ambiguousImplicitOutput() {
        expectError(.ambiguousOutput, mentions: "ambiguous") { try add("a b, b c", x, Tensor.zeros([4, 3])) }
        expectError(.ambiguousOutput, mentions: "ambiguous") { try add("a b, b a", x, Tensor.zeros([4, 6])) }
    }

    @Test func malformedSyntax() {
        expectError(.syntax, at: 7, mentions: "at most one '->'") { try rearrange("a -> b -> a", x) }
        expectError(.syntax, at: 3, mentions: "nested") { try sum("a [[b]]", x) }
        expectError(.syntax, at: 2, mentions: "unexpected '+'") { try sum("a + [b]", x) }
        expectError(.syntax, at: 2, mentions: "'...'") { try sum("a . [b]", x) }
        expectError(.syntax, mentions: "needs '->'") { try rearrange("a b", x) }
        expectError(.syntax, mentions: "brackets") { try sum("a b", x) }
    }

    @Test func invalidAxisUse() {
        expectError(.invalidAxis, at: 2, mentions: "appears twice") { try sum("a a", x) }
        expectError(.invalidAxis, mentions: "does not name") { try sum("a [b]", x, ["c": 3]) }
        expectError(.invalidAxis, mentions: "must be positive") { try sum("a [b]", x, ["a": 0]) }
        expectError(.invalidAxis, at: 7, mentions: "bracketed in one place") {
            try dot("b [i], i o -> b o", x, Tensor.zeros([4, 2]))
        }
        expectError(.invalidAxis, at: 7, mentions: "no input does") { try rearrange("a b -> ... a b", x) }
    }

    @Test func wrongOperandCountAndUnsupportedForms() {
        expectError(.operandCount, mentions: "2 input operand(s) but 1") { try sum("a b, b", x) }
        expectError(.unsupported, mentions: "no brackets") { try rearrange("a [b] -> a b", x) }
        expectError(.unsupported, at: 2, mentions: "named repetition") { try sum("a b... [c]", Tensor.zeros([2, 3, 4])) }
        expectError(.unsupported, mentions: "one output") { try rearrange("a b -> a, b", x) }
    }

    @Test func descriptionQuotesPatternAndPointsAtAxis() throws {
        do {
            _ = try rearrange("step (env gen) -> env gen step", Tensor.zeros([5, 12]))
            Issue.record("expected an error")
        } catch {
            #expect(error.description == """
                cannot determine the size of axes env, gen — give more constraints, e.g. ["env": n]
                    step (env gen) -> env gen step
                          ^^^
                """)
        }
    }
}
