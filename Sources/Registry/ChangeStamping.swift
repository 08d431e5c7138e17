/// A store that can tell, far more cheaply than by reading anything, whether anything may have
/// been committed to it since an earlier moment, by this process or any other.
///
/// The public label check uses it to give a kept answer again without reading the label: the
/// answer stays valid for as long as the store's stamp is the one it was read under.
public protocol ChangeStamping: RegistryStore {
    /// A number that differs from every number returned before a commit to the store, by any
    /// connection or process, once that commit has become visible to readers. Two equal numbers
    /// mean nothing was committed in between; a caller reads the stamp before the data it reads
    /// under it, so a commit between the two only makes a later stamp differ.
    /// - Throws: ``RegistryError/storage(path:message:)`` when the store cannot be read.
    func changeStamp() throws -> Int
}
