import middy from "@middy/core";

/** Daily sweep of abandoned uploads. Filled in by the activities work. */
export const handler = middy(async () => {
  // placeholder until the evidence domain exists
});
