// opencc-js ships these per-locale dictionary groups (package.json "exports": "./*") without types.
declare module 'opencc-js/from/tw' {
  import type { DictGroup } from 'opencc-js/core';

  const groups: readonly DictGroup[];
  export default groups;
}

declare module 'opencc-js/to/cn' {
  import type { DictGroup } from 'opencc-js/core';

  const groups: readonly DictGroup[];
  export default groups;
}
