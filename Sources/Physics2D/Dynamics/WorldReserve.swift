extension World {
    /// Pre-allocates room for `count` simultaneous contacts, so that contacts created
    /// later (when fat bounding boxes start to overlap) allocate nothing: pooled contact
    /// objects, the contact list, and the contact-edge list of every body that exists
    /// now. Call it after creating the bodies. Pooled contacts are reinitialised when
    /// used, so this changes no simulation result.
    public func reserveContacts(_ count: Int) {
        guard count > 0, let fixture = bodies.first(where: { !$0.fixtures.isEmpty })?.fixtures.first else { return }
        contacts.reserveCapacity(count)
        contactPool.reserveCapacity(count)
        for b in bodies { b.contactEdges.reserveCapacity(count) }
        while contactPool.count < count { contactPool.append(Contact(fixture, fixture)) }
    }
}
