/** What a package generated outside the repository needs to build itself (`npm install && npm run build`). */
export const standaloneDevDependencies = { "@types/node": "^20.19.0", typescript: "~5.9.0" };
