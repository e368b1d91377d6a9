/** How the footage-request flow names things in the audit log. */
export function footageRequestTarget(requestId: string): string {
  return `footage-request:${requestId}`;
}

export function intakeFileTarget(boxFileId: string): string {
  return `box-file:${boxFileId}`;
}

/** The intake folder's name under CCTV/_incoming: one per request and camera. */
export function intakeFolderName(requestId: string, cameraId: string): string {
  return `${requestId}-${cameraId}`;
}
