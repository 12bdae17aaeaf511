import { create } from 'xmlbuilder2';

/** A parsed STS XML document: its root element and the text found along a path of element names. */
export interface StsXml {
  readonly root: string;
  readonly namespace: string | null;
  /** Text of the element at `path` (e.g. `Error/Code`, below the root), undefined when absent. */
  text(path: string): string | undefined;
}

interface DomElement {
  readonly localName: string;
  readonly namespaceURI: string | null;
  readonly textContent: string | null;
  readonly children: ArrayLike<DomElement>;
}

export function parseStsXml(body: string): StsXml {
  const root = create(body).root().node as unknown as DomElement;
  return {
    root: root.localName,
    namespace: root.namespaceURI,
    text(path) {
      let node: DomElement | undefined = root;
      for (const name of path.split('/')) {
        node = node === undefined ? undefined : Array.from(node.children).find((child) => child.localName === name);
      }
      return node?.textContent ?? undefined;
    },
  };
}
