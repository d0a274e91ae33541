import DSL

/// What a Zoo checkpoint holds: every network parameter (`module/<network>/<name>`),
/// every optimiser buffer (`optimizer/<name>/<key>`), and metadata (the resolved recipe,
/// environment steps, update count, Zoo version) — enough to evaluate the agent or to
/// resume training exactly. Stored as safetensors, loadable by Python's `safetensors`.
public enum AgentCheckpoint {
    /// The checkpoint contents for `algorithm` after `updates` updates.
    public static func contents(of algorithm: any Algorithm, recipe: String, envSteps: Int, updates: Int) -> SafetensorsContents {
        var tensors: [String: Tensor] = [:]
        for (network, module) in algorithm.modules {
            for (name, value) in module.stateDictionary() { tensors["module/\(network)/\(name)"] = value }
        }
        for (name, optimizer) in algorithm.optimizers {
            for (key, values) in optimizer.exportState() {
                tensors["optimizer/\(name)/\(key)"] = Tensor(shape: [values.count], scalars: values)
            }
        }
        return SafetensorsContents(tensors: tensors, metadata: [
            "recipe": recipe, "env_steps": "\(envSteps)", "updates": "\(updates)",
            "algorithm": type(of: algorithm).name, "zoo_version": ZooVersion.string,
        ])
    }

    /// Writes `contents` to `path` atomically, sealed with its checksum.
    public static func write(_ contents: SafetensorsContents, to path: String) throws(CheckpointError) {
        try SafetensorsWriter.write(CheckpointIntegrity.sealed(contents), to: path)
    }

    /// Reads the checkpoint at `path`: a valid safetensors file whose checksum matches and
    /// whose every value is finite.
    public static func read(path: String) throws(CheckpointError) -> SafetensorsContents {
        let contents = try SafetensorsReader.read(path: path)
        try CheckpointIntegrity.verify(contents, path: path)
        return contents
    }

    /// Loads parameters (and optimiser state when `optimizers` is true) into `algorithm`;
    /// a checkpoint from another architecture is a typed error.
    public static func restore(_ contents: SafetensorsContents, into algorithm: any Algorithm, path: String,
                               optimizers: Bool) throws(ZooError) {
        for (network, module) in algorithm.modules {
            let prefix = "module/\(network)/"
            var state: [String: Tensor] = [:]
            for (key, value) in contents.tensors where key.hasPrefix(prefix) { state[String(key.dropFirst(prefix.count))] = value }
            do {
                try module.loadStateDictionary(state)
            } catch {
                throw .file(path: path, message: "does not fit this recipe's network '\(network)': \(error)")
            }
        }
        guard optimizers else { return }
        for (name, optimizer) in algorithm.optimizers {
            let prefix = "optimizer/\(name)/"
            var state: [String: [Float]] = [:]
            for (key, value) in contents.tensors where key.hasPrefix(prefix) { state[String(key.dropFirst(prefix.count))] = value.scalars }
            do {
                try optimizer.importState(state)
            } catch {
                throw .file(path: path, message: "optimizer '\(name)': \(error)")
            }
        }
    }
}
