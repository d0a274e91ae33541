import Testing
@testable import Zoo

/// Reading recipe YAML into typed values: every mistake names the file, line:column and
/// key path; unknown keys get "did you mean"; `--set` overrides apply before decoding.
@Suite("Recipe reader")
struct RecipeReaderTests {
    let yaml = """
        name: demo
        algorithm:
          name: ppo
          gamma: 0.99
          epochs: 4
          normalize: yes
        """

    func error(_ body: () throws -> Void) -> RecipeError? {
        do {
            try body()
            return nil
        } catch let e as RecipeError {
            return e
        } catch {
            Issue.record("expected a RecipeError, got \(error)")
            return nil
        }
    }

    @Test func readsTypedValuesWithDefaults() throws {
        let doc = try RecipeDocument(text: yaml, file: "demo.yaml")
        let root = try doc.root.mapping()
        #expect(try root.required("name").string() == "demo")
        let algorithm = try root.required("algorithm").mapping()
        #expect(try algorithm.string("name", default: "") == "ppo")
        #expect(try algorithm.double("gamma", default: 0.9, in: 0...1) == 0.99)
        #expect(try algorithm.int("epochs", default: 1) == 4)
        #expect(try algorithm.bool("normalize", default: false))
        #expect(try algorithm.double("lambda", default: 0.95) == 0.95)
        try algorithm.finish()
        try root.finish()
    }

    @Test func unknownKeySuggestsTheClosestAndPointsAtIt() throws {
        let doc = try RecipeDocument(text: yaml.replacingOccurrences(of: "gamma", with: "gama"), file: "demo.yaml")
        let algorithm = try doc.root.mapping().required("algorithm").mapping()
        _ = try algorithm.double("gamma", default: 0.99)
        _ = try algorithm.int("epochs", default: 1)
        _ = try algorithm.bool("normalize", default: false)
        _ = try algorithm.string("name", default: "")
        let e = try #require(error { try algorithm.finish() })
        #expect(e.description == "demo.yaml:4:3: algorithm.gama: unknown key 'gama' (did you mean 'gamma'?)")
    }

    @Test func wrongTypeNamesKeyPathLineAndColumn() throws {
        let doc = try RecipeDocument(text: yaml.replacingOccurrences(of: "0.99", with: "high"), file: "demo.yaml")
        let algorithm = try doc.root.mapping().required("algorithm").mapping()
        let e = try #require(error { _ = try algorithm.double("gamma", default: 0.9) })
        #expect(e.description == "demo.yaml:4:10: algorithm.gamma: expected a number, found \"high\"")
        let e2 = try #require(error { _ = try algorithm.int("gamma", default: 1) })
        #expect(e2.message.contains("expected an integer"))
        let e3 = try #require(error { _ = try algorithm.required("name").list() })
        #expect(e3.message == "expected a list, found \"ppo\"")
    }

    @Test func outOfRangeAndMissingKeys() throws {
        let doc = try RecipeDocument(text: yaml.replacingOccurrences(of: "0.99", with: "1.5"), file: "demo.yaml")
        let root = try doc.root.mapping()
        let algorithm = try root.required("algorithm").mapping()
        let e = try #require(error { _ = try algorithm.double("gamma", default: 0.9, in: 0...1) })
        #expect(e.message == "1.5 is outside 0.0…1.0")
        #expect(e.line == 4)
        let missing = try #require(error { _ = try root.required("env") })
        #expect(missing.message == "missing required key 'env'")
    }

    @Test func choicesSuggestTheClosest() throws {
        let doc = try RecipeDocument(text: "mode: sammeStep", file: "x.yaml")
        let e = try #require(error { _ = try doc.root.mapping().choice("mode", ["nextStep", "sameStep", "disabled"], default: "nextStep") })
        #expect(e.message.contains("(did you mean 'sameStep'?)"))
    }

    @Test func invalidYAMLGivesLineAndColumn() {
        let e = error { _ = try RecipeDocument(text: "a: [1, 2\nb: 3", file: "bad.yaml") }
        #expect(e?.file == "bad.yaml")
        #expect(e?.line != nil)
        #expect(e?.message.hasPrefix("invalid YAML") == true)
        let notMapping = error { _ = try RecipeDocument(text: "- 1\n- 2", file: "list.yaml") }
        #expect(notMapping?.message == "a recipe must be a YAML mapping")
    }

    @Test func missingFileIsAClearError() {
        let e = error { _ = try RecipeDocument(contentsOf: "/nonexistent/recipe.yaml") }
        #expect(e?.description == "/nonexistent/recipe.yaml: no such file")
    }

    @Test func overridesReplaceAndCreateKeys() throws {
        let doc = try RecipeDocument(text: yaml, file: "demo.yaml",
                                     overrides: ["algorithm.gamma=0.5", "train.seed=7", "algorithm.hidden=[64, 64]"])
        let root = try doc.root.mapping()
        let algorithm = try root.required("algorithm").mapping()
        #expect(try algorithm.double("gamma", default: 0) == 0.5)
        #expect(try algorithm.required("hidden").list().map { try $0.int() } == [64, 64])
        #expect(try root.required("train").mapping().int("seed", default: 0) == 7)
        #expect(doc.text.contains("seed: 7"))
    }

    @Test func malformedOverridesAreRejected() {
        #expect(error { _ = try RecipeDocument(text: yaml, overrides: ["algorithm.gamma"]) }?.message
                == "expected KEY.PATH=VALUE, got \"algorithm.gamma\"")
        #expect(error { _ = try RecipeDocument(text: yaml, overrides: ["name.x=1"]) }?.message
                == "cannot set 'x' inside a value that is not a mapping")
    }

    @Test func suggestionsNeedAPlausibleTypo() {
        #expect(Suggestions.closest(to: "CartPol-v1", in: ["CartPole-v1", "Acrobot-v1"]) == "CartPole-v1")
        #expect(Suggestions.closest(to: "zzzzzz", in: ["CartPole-v1"]) == nil)
    }
}
