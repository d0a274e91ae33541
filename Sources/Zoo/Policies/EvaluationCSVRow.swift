import ZooReporting

extension EvaluationCSV {
    /// The row of `summary`, evaluated after `update` updates and `envSteps` steps.
    ///
    /// Here rather than beside `EvaluationCSV` because reporting knows nothing of policies:
    /// `ZooReporting` writes the file, `Zoo` knows what an evaluation measured.
    public static func row(_ summary: EvaluationSummary, update: Int, envSteps: Int) -> [CSVValue] {
        [.int(Int64(update)), .int(Int64(envSteps)), .double(summary.meanReturn), .double(summary.stdReturn),
         .double(summary.minReturn), .double(summary.maxReturn), .double(summary.meanLength)]
    }
}
