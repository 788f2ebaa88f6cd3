import { checkBackupWindow, checkMaintenanceWindow, windowsOverlap } from "../../constructs/database/windows";
import { checkDailyWindow, checkWeeklyWindow } from "../../constructs/core/windows";

describe("RDS windows", () => {
  test.each(["02:00-03:00", "23:30-00:30", "00:00-00:30"])("accepts the backup window %s", (window) => {
    expect(checkBackupWindow(window)).toBeUndefined();
  });

  test.each<[string, RegExp]>([
    ["2:00-3:00", /^is not allowed; expected a daily UTC window hh:mm-hh:mm/],
    ["24:00-01:00", /^is not allowed; expected a daily UTC window/],
    ["02:00-02:15", /^is shorter than 30 minutes/],
  ])("rejects the backup window %s", (window, problem) => {
    expect(checkBackupWindow(window)).toMatch(problem);
  });

  test.each(["sun:03:30-sun:04:30", "sat:23:00-sun:01:00", "sun:23:30-mon:00:30"])(
    "accepts the maintenance window %s",
    (window) => {
      expect(checkMaintenanceWindow(window)).toBeUndefined();
    },
  );

  test.each<[string, RegExp]>([
    ["sunday:03:30-sunday:04:30", /^is not allowed; expected a weekly UTC window ddd:hh:mm-ddd:hh:mm/],
    ["sun:03:30-sun:03:45", /^is shorter than 30 minutes/],
  ])("rejects the maintenance window %s", (window, problem) => {
    expect(checkMaintenanceWindow(window)).toMatch(problem);
  });

  test.each<[string, string, boolean]>([
    ["02:00-03:00", "sun:03:30-sun:04:30", false],
    ["02:00-03:00", "sun:02:30-sun:03:30", true],
    ["02:00-03:00", "wed:01:00-wed:02:01", true],
    ["02:00-03:00", "wed:03:00-wed:04:00", false],
    // A backup window across midnight meets a Monday-morning maintenance window.
    ["23:30-00:30", "mon:00:00-mon:01:00", true],
    // A maintenance window across the week's end meets the daily backup window on Monday.
    ["00:15-00:45", "sun:23:30-mon:00:30", true],
  ])("backup %s and maintenance %s overlap: %s", (backup, maintenance, overlap) => {
    expect(windowsOverlap(backup, maintenance)).toBe(overlap);
  });
});

describe("windows with a service's own minimum", () => {
  test("ElastiCache-style windows of at least 60 minutes", () => {
    expect(checkDailyWindow("04:00-05:00", 60)).toBeUndefined();
    expect(checkDailyWindow("04:00-04:59", 60)).toMatch(/^is shorter than 60 minutes; expected a daily UTC window/);
    expect(checkWeeklyWindow("sun:23:30-mon:00:30", 60)).toBeUndefined();
    expect(checkWeeklyWindow("sun:05:30-sun:06:00", 60)).toMatch(/^is shorter than 60 minutes; expected a weekly/);
  });
});
