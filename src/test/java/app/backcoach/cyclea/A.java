package app.backcoach.cyclea;

/** A fixture for ArchitectureTest: half of a package cycle, so the cycle rule is seen to fail. */
public final class A {
  public app.backcoach.cycleb.B b() {
    return null;
  }
}
