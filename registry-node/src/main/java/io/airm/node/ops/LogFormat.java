package io.airm.node.ops;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import java.io.OutputStream;
import org.slf4j.LoggerFactory;

/**
 * The format of the node's log lines ({@code log.format}): {@code text}, readable, or {@code json},
 * one JSON object per line (timestamp in epoch milliseconds, level, thread, logger, message, the
 * MDC with the request id, and the key-value pairs of an access line), for a log shipper. {@code
 * logback.xml} picks the format at boot from {@code AIRM_LOG_FORMAT} or {@code -Dairm.log.format};
 * {@link #apply} switches to the configured one once the whole configuration (its file included)
 * has been read.
 */
public final class LogFormat {
  /** The readable line, as {@code logback.xml} writes it. */
  static final String TEXT_PATTERN = "%d{HH:mm:ss.SSS} %-5level [%thread] %logger{20} - %msg%n";

  private LogFormat() {}

  /** Makes the root logger write {@code format} ({@code text} or {@code json}) to stderr. */
  public static void apply(String format) {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return; // another SLF4J backend: its own configuration decides
    }
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    boolean json = root.getAppender("json") != null;
    if (json == format.equals("json")) {
      return; // the configuration already writes this format (text: whatever readable layout)
    }
    ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
    appender.setTarget("System.err");
    install(context, root, format, appender);
  }

  /** Makes the root logger write {@code format} to {@code out} instead (tests read it back). */
  public static void applyTo(String format, OutputStream out) {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
    appender.setOutputStream(out);
    install(context, context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME), format, appender);
  }

  private static void install(
      LoggerContext context,
      Logger root,
      String format,
      OutputStreamAppender<ILoggingEvent> appender) {
    appender.setContext(context);
    appender.setName(format);
    appender.setEncoder(encoder(context, format));
    appender.start();
    root.detachAndStopAllAppenders();
    root.addAppender(appender);
  }

  private static Encoder<ILoggingEvent> encoder(LoggerContext context, String format) {
    if (format.equals("json")) {
      JsonEncoder json = new JsonEncoder();
      json.setContext(context);
      json.setWithSequenceNumber(false);
      json.setWithNanoseconds(false);
      json.setWithContext(false);
      json.setWithMessage(false); // the formatted message only
      json.setWithArguments(false); // an argument appears once, in the message, never raw
      json.setWithFormattedMessage(true);
      json.start();
      return json;
    }
    PatternLayoutEncoder text = new PatternLayoutEncoder();
    text.setContext(context);
    text.setPattern(TEXT_PATTERN);
    text.start();
    return text;
  }
}
