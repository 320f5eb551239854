package app.backcoach.cycleb;

/** A fixture for ArchitectureTest: the other half of the package cycle. */
public final class B {
  public app.backcoach.cyclea.A a() {
    return null;
  }
}
