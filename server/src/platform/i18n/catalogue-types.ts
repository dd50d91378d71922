/** The same tree of keys with every text a string: what a translation of a catalogue must give. */
export type Catalogue<T> = { [K in keyof T]: T[K] extends string ? string : Catalogue<T[K]> };

/** Every dotted path to a text in a catalogue tree: `errors.notFound`, `tasks.notice.assigned.title`. */
export type Leaves<T> = {
  [K in keyof T & string]: T[K] extends string ? K : `${K}.${Leaves<T[K]>}`;
}[keyof T & string];
