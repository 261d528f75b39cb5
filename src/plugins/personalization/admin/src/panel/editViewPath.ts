/** The content manager's edit view of an entry. */
export const editViewPath = (uid: string, documentId: string): string =>
  `/content-manager/collection-types/${uid}/${documentId}`;
