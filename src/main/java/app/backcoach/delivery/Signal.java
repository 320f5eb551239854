package app.backcoach.delivery;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/** Wakes a worker loop early: "new work is waiting", remembered until the loop next waits. */
public final class Signal {
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition condition = lock.newCondition();
  private boolean signalled;

  public void wake() {
    lock.lock();
    try {
      signalled = true;
      condition.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits up to {@code millis} unless woken since the last wait; false when the thread was
   * interrupted.
   */
  public boolean await(long millis) {
    lock.lock();
    try {
      if (!signalled) {
        condition.await(millis, TimeUnit.MILLISECONDS);
      }
      signalled = false;
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } finally {
      lock.unlock();
    }
  }
}
