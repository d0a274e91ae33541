import Testing
@testable import DSL

/// `huberLoss` against torch.nn.functional.huber_loss (mean reduction) and its gradients.
@Suite("Huber loss")
struct HuberLossTests {
    @Test func matchesPyTorch() throws {
        let cases = try Fixtures.offPolicy().huber
        #expect(cases.contains { $0.delta == 1 })
        for c in cases {
            let prediction = Parameter(c.prediction.tensor), target = Parameter(c.target.tensor)
            let loss = huberLoss(prediction.tensor, target.tensor, delta: Float(c.delta))
            #expect(loss.shape == [])
            #expect(toleranceViolation([loss.item], [Float(c.loss)]) == nil, "\(c.name): \(loss.item) vs \(c.loss)")
            loss.backward()
            expectClose(prediction.gradient!, c.grads["prediction"]!, "\(c.name) d/dprediction")
            expectClose(target.gradient!, c.grads["target"]!, "\(c.name) d/dtarget")
        }
    }

    @Test func quadraticInsideDeltaLinearOutside() {
        let loss = huberLoss(Tensor([0.5, -3, 2]), Tensor([0, 0, 0]), delta: 1)
        #expect(Swift.abs(loss.item - (0.125 + 2.5 + 1.5) / 3) < 1e-6)
    }
}
