/// Building canonical Huffman codes for the compressor: code lengths from symbol
/// frequencies, limited to a maximum length, then the codes themselves.
enum HuffmanCode {
    /// Code lengths for `frequencies` (0: symbol unused), none longer than `limit`.
    ///
    /// Standard Huffman construction; when the tree is too deep, the frequencies are
    /// halved (keeping every used symbol at least 1) and the tree is built again, which
    /// costs a little compression on rare, very skewed blocks. At least two symbols get
    /// a code (the first two if fewer are used), so every code is complete.
    static func lengths(_ frequencies: [Int], limit: Int) -> [UInt8] {
        var weights = frequencies
        var used = weights.indices.filter { weights[$0] > 0 }
        for symbol in weights.indices where used.count < 2 && weights[symbol] == 0 {
            weights[symbol] = 1
            used.append(symbol)
        }
        while true {
            let lengths = treeDepths(weights, used)
            if lengths.max()! <= limit { return lengths.map { UInt8($0) } }
            for symbol in used { weights[symbol] = max(1, weights[symbol] >> 1) }
        }
    }

    /// The depth of each symbol in a Huffman tree over `used` (two-queue construction).
    private static func treeDepths(_ weights: [Int], _ used: [Int]) -> [Int] {
        // Leaves sorted by weight; internal nodes are made in nondecreasing weight order.
        let leaves = used.sorted { (weights[$0], $0) < (weights[$1], $1) }
        var nodeWeight = leaves.map { weights[$0] }
        var parent = [Int](repeating: -1, count: leaves.count)
        var leafIndex = 0, nodeIndex = leaves.count
        func takeSmallest() -> Int {
            if leafIndex < leaves.count, nodeIndex >= nodeWeight.count || nodeWeight[leafIndex] <= nodeWeight[nodeIndex] {
                leafIndex += 1
                return leafIndex - 1
            }
            nodeIndex += 1
            return nodeIndex - 1
        }
        for _ in 1..<leaves.count {
            let first = takeSmallest(), second = takeSmallest()
            nodeWeight.append(nodeWeight[first] + nodeWeight[second])
            parent.append(-1)
            parent[first] = nodeWeight.count - 1
            parent[second] = nodeWeight.count - 1
        }
        // Depths from the root (the last node) down.
        var depth = [Int](repeating: 0, count: nodeWeight.count)
        for node in stride(from: nodeWeight.count - 2, through: 0, by: -1) { depth[node] = depth[parent[node]] + 1 }
        var result = [Int](repeating: 0, count: weights.count)
        for (index, symbol) in leaves.enumerated() { result[symbol] = depth[index] }
        return result
    }

    /// The canonical codes (RFC 1951 §3.2.2) for `lengths`, bit-reversed for writing
    /// least significant bit first.
    static func codes(_ lengths: [UInt8]) -> [UInt16] {
        var counts = [Int](repeating: 0, count: 16)
        for length in lengths { counts[Int(length)] += 1 }
        counts[0] = 0
        var next = [Int](repeating: 0, count: 16)
        var code = 0
        for length in 1..<16 {
            code = (code + counts[length - 1]) << 1
            next[length] = code
        }
        return lengths.map { length in
            guard length > 0 else { return 0 }
            let length = Int(length)
            let code = next[length]
            next[length] += 1
            var reversed = 0
            for bit in 0..<length where code & (1 << bit) != 0 { reversed |= 1 << (length - 1 - bit) }
            return UInt16(reversed)
        }
    }
}
