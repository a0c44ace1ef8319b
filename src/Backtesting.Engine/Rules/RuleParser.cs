using System.Globalization;

namespace Backtesting.Engine.Rules;

/// <summary>
/// Recursive-descent parser of the section-9 expression grammar (lowest precedence first):
/// or; and; not; one comparison (&lt; &lt;= &gt; &gt;= == !=, not chained); + -; * /; unary -; primary
/// (number, true/false, name, name(args), parenthesised expression). Stops at the first syntax error.
/// </summary>
internal sealed class RuleParser
{
    /// <summary>Longest rule text accepted.</summary>
    public const int MaxLength = 1000;

    /// <summary>Deepest nesting of parentheses, calls and prefix operators accepted.</summary>
    public const int MaxNesting = 40;

    private static readonly string[] Comparisons = ["<=", ">=", "==", "!=", "<", ">"];

    private readonly string _text;
    private int _pos;
    private int _depth;

    private RuleParser(string text) => _text = text;

    /// <summary>The expression tree, or the first syntax error with its column.</summary>
    public static RuleExpression? Parse(string text, out RuleSyntaxError? error)
    {
        error = null;
        if (text.Length > MaxLength)
        {
            error = new RuleSyntaxError(MaxLength + 1, $"the rule is longer than {MaxLength} characters");
            return null;
        }
        var parser = new RuleParser(text);
        try
        {
            parser.SkipSpace();
            if (parser.AtEnd) throw parser.Fail("the rule is empty; write a condition such as 'close > sma(close, 20)'");
            var expression = parser.ParseOr();
            parser.SkipSpace();
            if (!parser.AtEnd) throw parser.Fail($"unexpected {parser.Describe()} after a complete expression");
            return expression;
        }
        catch (SyntaxException e)
        {
            error = e.Error;
            return null;
        }
    }

    private bool AtEnd => _pos >= _text.Length;

    private RuleExpression ParseOr()
    {
        // bounded recursion: a hostile rule of nested parentheses cannot exhaust the stack
        if (++_depth > MaxNesting) throw Fail($"the expression is nested more than {MaxNesting} levels deep");
        var left = ParseAnd();
        while (TryKeyword("or", out int column)) left = new BinaryOperation(column, "or", left, ParseAnd());
        _depth--;
        return left;
    }

    private RuleExpression ParseAnd()
    {
        var left = ParseNot();
        while (TryKeyword("and", out int column)) left = new BinaryOperation(column, "and", left, ParseNot());
        return left;
    }

    private RuleExpression ParseNot()
    {
        if (TryKeyword("not", out int column))
        {
            if (++_depth > MaxNesting) throw Fail($"the expression is nested more than {MaxNesting} levels deep");
            var operand = ParseNot();
            _depth--;
            return new UnaryOperation(column, "not", operand);
        }
        return ParseComparison();
    }

    private RuleExpression ParseComparison()
    {
        var left = ParseSum();
        if (TryOperator(Comparisons, out string? op, out int column))
        {
            var right = ParseSum();
            SkipSpace();
            if (TryOperator(Comparisons, out string? again, out int second))
                throw new SyntaxException(new RuleSyntaxError(second, $"comparisons cannot be chained ('{again}' after '{op}'); join them with 'and'"));
            return new BinaryOperation(column, op!, left, right);
        }
        return left;
    }

    private RuleExpression ParseSum()
    {
        var left = ParseProduct();
        while (TryOperator(["+", "-"], out string? op, out int column)) left = new BinaryOperation(column, op!, left, ParseProduct());
        return left;
    }

    private RuleExpression ParseProduct()
    {
        var left = ParseUnary();
        while (TryOperator(["*", "/"], out string? op, out int column)) left = new BinaryOperation(column, op!, left, ParseUnary());
        return left;
    }

    private RuleExpression ParseUnary()
    {
        if (TryOperator(["-"], out _, out int column))
        {
            if (++_depth > MaxNesting) throw Fail($"the expression is nested more than {MaxNesting} levels deep");
            var operand = ParseUnary();
            _depth--;
            return new UnaryOperation(column, "-", operand);
        }
        return ParsePrimary();
    }

    private RuleExpression ParsePrimary()
    {
        SkipSpace();
        if (AtEnd) throw Fail("the expression ends too early; a number, name, function call or '(' is missing");
        int column = _pos + 1;
        char c = _text[_pos];
        if (c == '(')
        {
            _pos++;
            var inner = ParseOr();
            Expect(')', "a ')' is missing");
            return inner;
        }
        if (char.IsAsciiDigit(c) || (c == '.' && _pos + 1 < _text.Length && char.IsAsciiDigit(_text[_pos + 1])))
            return new NumberLiteral(column, ReadNumber());
        if (char.IsAsciiLetter(c) || c == '_')
        {
            string name = ReadName();
            switch (name)
            {
                case "true": return new BooleanLiteral(column, true);
                case "false": return new BooleanLiteral(column, false);
                case "and" or "or" or "not":
                    throw new SyntaxException(new RuleSyntaxError(column, $"'{name}' needs a condition before it"));
            }
            SkipSpace();
            if (AtEnd || _text[_pos] != '(') return new NameReference(column, name);
            _pos++;
            var arguments = new List<RuleExpression>();
            SkipSpace();
            if (!AtEnd && _text[_pos] == ')')
            {
                _pos++;
                return new FunctionCall(column, name, arguments);
            }
            while (true)
            {
                arguments.Add(ParseOr());
                SkipSpace();
                if (!AtEnd && _text[_pos] == ',')
                {
                    _pos++;
                    continue;
                }
                Expect(')', $"a ',' or ')' is missing in the call of '{name}'");
                return new FunctionCall(column, name, arguments);
            }
        }
        throw Fail($"unexpected {Describe()}; expected a number, name, function call or '('");
    }

    private double ReadNumber()
    {
        int start = _pos;
        while (!AtEnd && char.IsAsciiDigit(_text[_pos])) _pos++;
        if (!AtEnd && _text[_pos] == '.')
        {
            _pos++;
            while (!AtEnd && char.IsAsciiDigit(_text[_pos])) _pos++;
        }
        if (!AtEnd && (_text[_pos] == 'e' || _text[_pos] == 'E'))
        {
            int mark = _pos++;
            if (!AtEnd && (_text[_pos] == '+' || _text[_pos] == '-')) _pos++;
            if (AtEnd || !char.IsAsciiDigit(_text[_pos])) _pos = mark;
            else while (!AtEnd && char.IsAsciiDigit(_text[_pos])) _pos++;
        }
        string token = _text[start.._pos];
        if (!AtEnd && (char.IsAsciiLetter(_text[_pos]) || _text[_pos] == '_'))
            throw new SyntaxException(new RuleSyntaxError(start + 1, $"'{token}{_text[_pos]}...' is not a number or a name (names start with a letter)"));
        double value = double.Parse(token, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (!double.IsFinite(value)) throw new SyntaxException(new RuleSyntaxError(start + 1, $"the number '{token}' is too large"));
        return value;
    }

    private string ReadName()
    {
        int start = _pos;
        while (!AtEnd && (char.IsAsciiLetterOrDigit(_text[_pos]) || _text[_pos] == '_')) _pos++;
        return _text[start.._pos];
    }

    private bool TryKeyword(string keyword, out int column)
    {
        SkipSpace();
        column = _pos + 1;
        int end = _pos + keyword.Length;
        if (end > _text.Length || string.CompareOrdinal(_text, _pos, keyword, 0, keyword.Length) != 0) return false;
        if (end < _text.Length && (char.IsAsciiLetterOrDigit(_text[end]) || _text[end] == '_')) return false;
        _pos = end;
        return true;
    }

    private bool TryOperator(string[] operators, out string? op, out int column)
    {
        SkipSpace();
        column = _pos + 1;
        foreach (string candidate in operators)
        {
            if (string.CompareOrdinal(_text, _pos, candidate, 0, candidate.Length) == 0 && _pos + candidate.Length <= _text.Length)
            {
                op = candidate;
                _pos += candidate.Length;
                return true;
            }
        }
        op = null;
        return false;
    }

    private void Expect(char expected, string message)
    {
        SkipSpace();
        if (AtEnd || _text[_pos] != expected) throw Fail(message);
        _pos++;
    }

    private void SkipSpace()
    {
        while (!AtEnd && char.IsWhiteSpace(_text[_pos])) _pos++;
    }

    /// <summary>The text at the current position, for messages (with hints for other languages' operators).</summary>
    private string Describe()
    {
        if (AtEnd) return "end of rule";
        char c = _text[_pos];
        string hint = c switch
        {
            '&' => " (write 'and')",
            '|' => " (write 'or')",
            '!' => " (write 'not', or '!=' to compare)",
            '=' => " (write '==' to compare)",
            _ => "",
        };
        return $"'{c}'{hint}";
    }

    private SyntaxException Fail(string message) => new(new RuleSyntaxError(_pos + 1, message));

    private sealed class SyntaxException(RuleSyntaxError error) : Exception(error.Message)
    {
        public RuleSyntaxError Error { get; } = error;
    }
}
