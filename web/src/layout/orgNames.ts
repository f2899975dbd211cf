// Shorter names for the tree: a child repeats its parent's place name ("中共嘉兴市南湖区凤桥镇委员会" under
// "中共嘉兴市南湖区委员会"); under the parent, "凤桥镇委员会" says the same. Full names stay in tooltips and pages.

const PLACE_END = /(中共|省|市|区|县|镇|乡|街道|社区|村)$/;

export function shortOrgName(name: string, parentName: string | null): string {
  if (!parentName) return name;
  let n = 0;
  while (n < name.length && n < parentName.length && name[n] === parentName[n]) n++;
  // Cut only right after a place word, never inside a name ("中共联丰委员会" / "中共联丰村…").
  let prefix = name.slice(0, n);
  while (prefix && !PLACE_END.test(prefix)) prefix = prefix.slice(0, -1);
  const rest = name.slice(prefix.length);
  return rest.length >= 4 ? rest : name;
}
