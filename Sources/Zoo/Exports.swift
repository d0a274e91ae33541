// Zoo is split into rooms with one-way dependencies (see Package.swift): ZooSupport
// (files and small utilities), ZooEnvironments (spaces, environments, wrappers, vector
// environments, rendering) and ZooReporting (CSV, plots, TensorBoard, run summaries) below
// this module, which holds learning. Re-exporting the rooms below keeps `import Zoo` the
// one import a plugin, a test or a command line needs, as it was before the split.
@_exported import ZooEnvironments
@_exported import ZooReporting
@_exported import ZooSupport
