import DSL
import Foundation

/// How a `SavedState` lives in a checkpoint: its tensors as `state/<owner>/<name>`, its
/// numbers and random streams as JSON under the metadata key `state/<owner>`, every
/// number as its bit pattern in hex so nothing is rounded.
enum SavedStateStorage {
    private struct Scalars: Codable {
        var numbers: [String: [String]]
        var streams: [String: [String]]
    }

    /// Adds `state` to `contents` under `owner` (e.g. `algorithm`, `collector`).
    static func add(_ state: SavedState, owner: String, to contents: inout SafetensorsContents) {
        for (name, tensor) in state.tensors { contents.tensors["state/\(owner)/\(name)"] = tensor }
        let scalars = Scalars(numbers: state.numbers.mapValues { $0.map(ExactText.hex) },
                              streams: state.streams.mapValues(ExactText.words))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let json = try? encoder.encode(scalars) else { return }
        contents.metadata["state/\(owner)"] = String(decoding: json, as: UTF8.self)
    }

    /// The state stored under `owner`; an empty state when the checkpoint has none.
    static func read(owner: String, from contents: SafetensorsContents) throws(SavedStateError) -> SavedState {
        var state = SavedState()
        let prefix = "state/\(owner)/"
        for (key, tensor) in contents.tensors where key.hasPrefix(prefix) { state.tensors[String(key.dropFirst(prefix.count))] = tensor }
        guard let json = contents.metadata["state/\(owner)"] else { return state }
        guard let scalars = try? JSONDecoder().decode(Scalars.self, from: Data(json.utf8)) else {
            throw .malformed("state/\(owner)", "is not readable JSON")
        }
        for (name, texts) in scalars.numbers {
            var values: [Double] = []
            for text in texts {
                guard let v = ExactText.double(text) else { throw .malformed(name, "holds \"\(text)\", not a saved number") }
                values.append(v)
            }
            state.numbers[name] = values
        }
        for (name, words) in scalars.streams {
            guard let stream = ExactText.random(words) else { throw .malformed(name, "is not a saved random stream") }
            state.streams[name] = stream
        }
        return state
    }
}
