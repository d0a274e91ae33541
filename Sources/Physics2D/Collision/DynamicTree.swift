/// Box2D's dynamic AABB tree (`b2DynamicTree`): fat boxes of proxies in a balanced
/// bounding-volume hierarchy. Proxy ids are node ids from the tree's own free list, exactly
/// as Box2D allocates them (leaves and internal nodes share the pool), so that pair order —
/// sorted by proxy id — and hence contact creation order match Box2D even after proxies
/// are destroyed and recreated.
struct DynamicTree {
    static let nullNode = -1

    struct Node {
        var aabb = AABB(lowerBound: .zero, upperBound: .zero)
        var parent = DynamicTree.nullNode   // also `next` in the free list
        var child1 = DynamicTree.nullNode
        var child2 = DynamicTree.nullNode
        var height = -1
        @inline(__always) var isLeaf: Bool { child1 == DynamicTree.nullNode }
    }

    private(set) var nodes = ContiguousArray<Node>()
    private(set) var root = DynamicTree.nullNode
    private var freeList = 0
    private var nodeCount = 0
    private var stack: [Int] = []

    init() {
        growPool(to: 16)
        freeList = 0
        stack.reserveCapacity(64)
    }

    private mutating func growPool(to capacity: Int) {
        let start = nodes.count
        for i in start..<capacity {
            var n = Node()
            n.parent = i + 1 < capacity ? i + 1 : DynamicTree.nullNode
            n.height = -1
            nodes.append(n)
        }
    }

    private mutating func allocateNode() -> Int {
        if freeList == DynamicTree.nullNode {
            let start = nodes.count
            growPool(to: nodes.count * 2)
            freeList = start
        }
        let id = freeList
        freeList = nodes[id].parent
        nodes[id].parent = DynamicTree.nullNode
        nodes[id].child1 = DynamicTree.nullNode
        nodes[id].child2 = DynamicTree.nullNode
        nodes[id].height = 0
        nodeCount += 1
        return id
    }

    private mutating func freeNode(_ id: Int) {
        nodes[id].parent = freeList
        nodes[id].child1 = DynamicTree.nullNode
        nodes[id].child2 = DynamicTree.nullNode
        nodes[id].height = -1
        freeList = id
        nodeCount -= 1
    }

    @inline(__always) func fatAABB(_ id: Int) -> AABB { nodes[id].aabb }

    /// The same tree in storage of its own (same node ids, free list and capacities), so
    /// that neither tree copies on write when the other changes.
    func unsharedCopy() -> DynamicTree {
        var copy = self
        copy.nodes = nodes.unsharedCopy()
        copy.stack = stack.unsharedCopy()
        return copy
    }

    /// Inserts a proxy for `aabb` fattened by `aabbExtension`; returns its id.
    mutating func createProxy(_ aabb: AABB) -> Int {
        let id = allocateNode()
        let r = Vec2(aabbExtension, aabbExtension)
        nodes[id].aabb = AABB(lowerBound: aabb.lowerBound - r, upperBound: aabb.upperBound + r)
        nodes[id].height = 0
        insertLeaf(id)
        return id
    }

    mutating func destroyProxy(_ id: Int) {
        removeLeaf(id)
        freeNode(id)
    }

    /// Re-inserts the proxy with a fattened, motion-predicted box when `aabb` left its fat
    /// box. Returns whether it moved.
    mutating func moveProxy(_ id: Int, _ aabb: AABB, _ displacement: Vec2) -> Bool {
        if nodes[id].aabb.contains(aabb) { return false }
        removeLeaf(id)
        let r = Vec2(aabbExtension, aabbExtension)
        var b = AABB(lowerBound: aabb.lowerBound - r, upperBound: aabb.upperBound + r)
        let d = aabbMultiplier * displacement
        if d.x < 0 { b.lowerBound.x += d.x } else { b.upperBound.x += d.x }
        if d.y < 0 { b.lowerBound.y += d.y } else { b.upperBound.y += d.y }
        nodes[id].aabb = b
        insertLeaf(id)
        return true
    }

    @inline(__always) private static func perimeter(_ a: AABB) -> Float {
        let wx = a.upperBound.x - a.lowerBound.x
        let wy = a.upperBound.y - a.lowerBound.y
        return 2 * (wx + wy)
    }

    private mutating func insertLeaf(_ leaf: Int) {
        if root == DynamicTree.nullNode {
            root = leaf
            nodes[root].parent = DynamicTree.nullNode
            return
        }
        // Find the best sibling by the surface-area heuristic.
        let leafAABB = nodes[leaf].aabb
        var index = root
        while !nodes[index].isLeaf {
            let child1 = nodes[index].child1
            let child2 = nodes[index].child2
            let area = DynamicTree.perimeter(nodes[index].aabb)
            let combinedArea = DynamicTree.perimeter(AABB.combine(nodes[index].aabb, leafAABB))
            let cost = 2 * combinedArea
            let inheritanceCost = 2 * (combinedArea - area)
            func descendCost(_ child: Int) -> Float {
                let combined = AABB.combine(leafAABB, nodes[child].aabb)
                if nodes[child].isLeaf {
                    return DynamicTree.perimeter(combined) + inheritanceCost
                }
                let oldArea = DynamicTree.perimeter(nodes[child].aabb)
                let newArea = DynamicTree.perimeter(combined)
                return (newArea - oldArea) + inheritanceCost
            }
            let cost1 = descendCost(child1)
            let cost2 = descendCost(child2)
            if cost < cost1 && cost < cost2 { break }
            index = cost1 < cost2 ? child1 : child2
        }
        let sibling = index
        let oldParent = nodes[sibling].parent
        let newParent = allocateNode()
        nodes[newParent].parent = oldParent
        nodes[newParent].aabb = AABB.combine(leafAABB, nodes[sibling].aabb)
        nodes[newParent].height = nodes[sibling].height + 1
        if oldParent != DynamicTree.nullNode {
            if nodes[oldParent].child1 == sibling { nodes[oldParent].child1 = newParent } else { nodes[oldParent].child2 = newParent }
        } else {
            root = newParent
        }
        nodes[newParent].child1 = sibling
        nodes[newParent].child2 = leaf
        nodes[sibling].parent = newParent
        nodes[leaf].parent = newParent

        // Walk back up fixing heights and boxes.
        index = nodes[leaf].parent
        while index != DynamicTree.nullNode {
            index = balance(index)
            let child1 = nodes[index].child1
            let child2 = nodes[index].child2
            nodes[index].height = 1 + max(nodes[child1].height, nodes[child2].height)
            nodes[index].aabb = AABB.combine(nodes[child1].aabb, nodes[child2].aabb)
            index = nodes[index].parent
        }
    }

    private mutating func removeLeaf(_ leaf: Int) {
        if leaf == root {
            root = DynamicTree.nullNode
            return
        }
        let parent = nodes[leaf].parent
        let grandParent = nodes[parent].parent
        let sibling = nodes[parent].child1 == leaf ? nodes[parent].child2 : nodes[parent].child1
        if grandParent != DynamicTree.nullNode {
            if nodes[grandParent].child1 == parent { nodes[grandParent].child1 = sibling } else { nodes[grandParent].child2 = sibling }
            nodes[sibling].parent = grandParent
            freeNode(parent)
            var index = grandParent
            while index != DynamicTree.nullNode {
                index = balance(index)
                let child1 = nodes[index].child1
                let child2 = nodes[index].child2
                nodes[index].aabb = AABB.combine(nodes[child1].aabb, nodes[child2].aabb)
                nodes[index].height = 1 + max(nodes[child1].height, nodes[child2].height)
                index = nodes[index].parent
            }
        } else {
            root = sibling
            nodes[sibling].parent = DynamicTree.nullNode
            freeNode(parent)
        }
    }

    /// A left or right rotation when `iA` is imbalanced; returns the new subtree root.
    private mutating func balance(_ iA: Int) -> Int {
        let a = nodes[iA]
        if a.isLeaf || a.height < 2 { return iA }
        let iB = a.child1, iC = a.child2
        let balance = nodes[iC].height - nodes[iB].height

        if balance > 1 {
            // Rotate C up.
            let iF = nodes[iC].child1, iG = nodes[iC].child2
            nodes[iC].child1 = iA
            nodes[iC].parent = nodes[iA].parent
            nodes[iA].parent = iC
            let cParent = nodes[iC].parent
            if cParent != DynamicTree.nullNode {
                if nodes[cParent].child1 == iA { nodes[cParent].child1 = iC } else { nodes[cParent].child2 = iC }
            } else {
                root = iC
            }
            if nodes[iF].height > nodes[iG].height {
                nodes[iC].child2 = iF
                nodes[iA].child2 = iG
                nodes[iG].parent = iA
                nodes[iA].aabb = AABB.combine(nodes[iB].aabb, nodes[iG].aabb)
                nodes[iC].aabb = AABB.combine(nodes[iA].aabb, nodes[iF].aabb)
                nodes[iA].height = 1 + max(nodes[iB].height, nodes[iG].height)
                nodes[iC].height = 1 + max(nodes[iA].height, nodes[iF].height)
            } else {
                nodes[iC].child2 = iG
                nodes[iA].child2 = iF
                nodes[iF].parent = iA
                nodes[iA].aabb = AABB.combine(nodes[iB].aabb, nodes[iF].aabb)
                nodes[iC].aabb = AABB.combine(nodes[iA].aabb, nodes[iG].aabb)
                nodes[iA].height = 1 + max(nodes[iB].height, nodes[iF].height)
                nodes[iC].height = 1 + max(nodes[iA].height, nodes[iG].height)
            }
            return iC
        }
        if balance < -1 {
            // Rotate B up.
            let iD = nodes[iB].child1, iE = nodes[iB].child2
            nodes[iB].child1 = iA
            nodes[iB].parent = nodes[iA].parent
            nodes[iA].parent = iB
            let bParent = nodes[iB].parent
            if bParent != DynamicTree.nullNode {
                if nodes[bParent].child1 == iA { nodes[bParent].child1 = iB } else { nodes[bParent].child2 = iB }
            } else {
                root = iB
            }
            if nodes[iD].height > nodes[iE].height {
                nodes[iB].child2 = iD
                nodes[iA].child1 = iE
                nodes[iE].parent = iA
                nodes[iA].aabb = AABB.combine(nodes[iC].aabb, nodes[iE].aabb)
                nodes[iB].aabb = AABB.combine(nodes[iA].aabb, nodes[iD].aabb)
                nodes[iA].height = 1 + max(nodes[iC].height, nodes[iE].height)
                nodes[iB].height = 1 + max(nodes[iA].height, nodes[iD].height)
            } else {
                nodes[iB].child2 = iE
                nodes[iA].child1 = iD
                nodes[iD].parent = iA
                nodes[iA].aabb = AABB.combine(nodes[iC].aabb, nodes[iD].aabb)
                nodes[iB].aabb = AABB.combine(nodes[iA].aabb, nodes[iE].aabb)
                nodes[iA].height = 1 + max(nodes[iC].height, nodes[iD].height)
                nodes[iB].height = 1 + max(nodes[iA].height, nodes[iE].height)
            }
            return iB
        }
        return iA
    }

    /// Calls `visit` with every leaf whose fat box overlaps `aabb`.
    mutating func query(_ aabb: AABB, _ visit: (Int) -> Void) {
        stack.removeAll(keepingCapacity: true)
        if root == DynamicTree.nullNode { return }
        stack.append(root)
        while let id = stack.popLast() {
            if id == DynamicTree.nullNode { continue }
            let node = nodes[id]
            if node.aabb.overlaps(aabb) {
                if node.isLeaf {
                    visit(id)
                } else {
                    stack.append(node.child1)
                    stack.append(node.child2)
                }
            }
        }
    }

    /// Height of the tree (0 for a single leaf), for tests.
    var height: Int { root == DynamicTree.nullNode ? 0 : nodes[root].height }
    /// Live nodes (leaves and internal), for tests.
    var liveNodeCount: Int { nodeCount }
}
