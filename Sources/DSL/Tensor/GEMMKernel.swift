import CKernels

/// Which GEMM micro-kernel this CPU runs ("avx2-fma" or "portable"), for benchmark
/// reports.
public enum GEMMKernel {
    public static var name: String { String(cString: zoo_sgemm_kernel_name()) }
}
