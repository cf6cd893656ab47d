namespace Nabla.Cli.Tests;

/// <summary>The whiteboard commands run in-process: the three lecture examples, one 3-2-2-1 network and one descent trace, held as golden transcripts.</summary>
public class WhiteboardGoldenTests
{
    [Fact]
    public void Explain_FirstLectureWithAscentStep_Golden()
    {
        var r = CliRunner.Run("explain", "g = -2*w1; y = w2 + g; z = y*w3", "--at", "w1=3,w2=4,w3=5", "--lr", "0.01", "--ascent");
        Assert.True(r.ExitCode == 0, r.Stderr);
        const string expected = """
            Expression
              g = -2 * w1
              y = w2 + g
              z = y * w3
            at w1 = 3, w2 = 4, w3 = 5

            Forward pass
              g = -2 * w1 = -2 * 3 = -6
              y = w2 + g = 4 + -6 = -2
              z = y * w3 = -2 * 5 = -10

            Local derivatives
              dg/dw1 = -2
              dy/dw2 = 1
              dy/dg = 1
              dz/dy = w3 = 5
              dz/dw3 = y = -2

            Backward pass (dz/dz = 1, then each node from the output back to the inputs)
              dz/dw3 = y = -2
              dz/dy = w3 = 5
              dz/dw2 = dz/dy * dy/dw2 = 5 * 1 = 5
              dz/dg = dz/dy * dy/dg = 5 * 1 = 5
              dz/dw1 = dz/dg * dg/dw1 = 5 * -2 = -10

            Chain rule
              dz/dw1 = dz/dy * dy/dg * dg/dw1 = 5 * 1 * -2 = -10
              dz/dw2 = dz/dy * dy/dw2 = 5 * 1 = 5
              dz/dw3 = y = -2

            Gradients
              variable  value  dz/dvariable
              w1            3           -10
              w2            4             5
              w3            5            -2

            Updates with lr = 0.01: w = w + lr * dz/dw (gradient ascent: moves z up)
              step 1
                w1 = 3 + 0.01 * (-10) = 2.9
                w2 = 4 + 0.01 * 5 = 4.05
                w3 = 5 + 0.01 * (-2) = 4.98
                new z = -8.715 (was -10)

            """;
        Assert.Equal(expected.ReplaceLineEndings("\n"), r.Stdout.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Explain_SigmoidNeuron_Golden()
    {
        var r = CliRunner.Run("explain", "f = sigmoid(w0*x0 + w1*x1 + w2)", "--at", "w0=2,x0=-1,w1=-3,x1=-2,w2=-3");
        Assert.True(r.ExitCode == 0, r.Stderr);
        const string expected = """
            Expression
              f = sigmoid(w0 * x0 + w1 * x1 + w2)
            at w0 = 2, x0 = -1, w1 = -3, x1 = -2, w2 = -3

            Forward pass
              t1 = w0 * x0 = 2 * -1 = -2
              t2 = w1 * x1 = -3 * -2 = 6
              t3 = t1 + t2 = -2 + 6 = 4
              t4 = t3 + w2 = 4 + -3 = 1
              f = sigmoid(t4) = sigmoid(1) = 0.7311

            Local derivatives
              dt1/dw0 = x0 = -1
              dt1/dx0 = w0 = 2
              dt2/dw1 = x1 = -2
              dt2/dx1 = w1 = -3
              dt3/dt1 = 1
              dt3/dt2 = 1
              dt4/dt3 = 1
              dt4/dw2 = 1
              df/dt4 = f * (1 - f) = 0.1966

            Backward pass (df/df = 1, then each node from the output back to the inputs)
              df/dt4 = f * (1 - f) = 0.1966
              df/dw2 = df/dt4 * dt4/dw2 = 0.1966 * 1 = 0.1966
              df/dt3 = df/dt4 * dt4/dt3 = 0.1966 * 1 = 0.1966
              df/dt2 = df/dt3 * dt3/dt2 = 0.1966 * 1 = 0.1966
              df/dx1 = df/dt2 * dt2/dx1 = 0.1966 * -3 = -0.5898
              df/dw1 = df/dt2 * dt2/dw1 = 0.1966 * -2 = -0.3932
              df/dt1 = df/dt3 * dt3/dt1 = 0.1966 * 1 = 0.1966
              df/dx0 = df/dt1 * dt1/dx0 = 0.1966 * 2 = 0.3932
              df/dw0 = df/dt1 * dt1/dw0 = 0.1966 * -1 = -0.1966

            Chain rule
              df/dw0 = df/dt4 * dt4/dt3 * dt3/dt1 * dt1/dw0 = 0.1966 * 1 * 1 * -1 = -0.1966
              df/dx0 = df/dt4 * dt4/dt3 * dt3/dt1 * dt1/dx0 = 0.1966 * 1 * 1 * 2 = 0.3932
              df/dw1 = df/dt4 * dt4/dt3 * dt3/dt2 * dt2/dw1 = 0.1966 * 1 * 1 * -2 = -0.3932
              df/dx1 = df/dt4 * dt4/dt3 * dt3/dt2 * dt2/dx1 = 0.1966 * 1 * 1 * -3 = -0.5898
              df/dw2 = df/dt4 * dt4/dw2 = 0.1966 * 1 = 0.1966

            Gradients
              variable  value  df/dvariable
              w0            2       -0.1966
              x0           -1        0.3932
              w1           -3       -0.3932
              x1           -2       -0.5898
              w2           -3        0.1966

            """;
        Assert.Equal(expected.ReplaceLineEndings("\n"), r.Stdout.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Explain_StagedSigmoidFraction_Golden()
    {
        var r = CliRunner.Run("explain", "num = sigmoid(y) + x; den = sigmoid(x) + (x + y)^2; invden = 1/den; f = num*invden", "--at", "x=3,y=-4");
        Assert.True(r.ExitCode == 0, r.Stderr);
        const string expected = """
            Expression
              num = sigmoid(y) + x
              den = sigmoid(x) + (x + y)^2
              invden = 1 / den
              f = num * invden
            at y = -4, x = 3

            Forward pass
              t1 = sigmoid(y) = sigmoid(-4) = 0.01799
              num = t1 + x = 0.01799 + 3 = 3.018
              t2 = sigmoid(x) = sigmoid(3) = 0.9526
              t3 = x + y = 3 + -4 = -1
              t4 = t3^2 = (-1)^2 = 1
              den = t2 + t4 = 0.9526 + 1 = 1.953
              invden = 1 / den = 1 / 1.953 = 0.5121
              f = num * invden = 3.018 * 0.5121 = 1.546

            Local derivatives
              dt1/dy = t1 * (1 - t1) = 0.01766
              dnum/dt1 = 1
              dnum/dx = 1
              dt2/dx = t2 * (1 - t2) = 0.04518
              dt3/dx = 1
              dt3/dy = 1
              dt4/dt3 = 2 * t3 = -2
              dden/dt2 = 1
              dden/dt4 = 1
              dinvden/dden = -1 / den^2 = -0.2623
              df/dnum = invden = 0.5121
              df/dinvden = num = 3.018

            Backward pass (df/df = 1, then each node from the output back to the inputs)
              df/dinvden = num = 3.018
              df/dden = df/dinvden * dinvden/dden = 3.018 * -0.2623 = -0.7916
              df/dt4 = df/dden * dden/dt4 = -0.7916 * 1 = -0.7916
              df/dt3 = df/dt4 * dt4/dt3 = -0.7916 * -2 = 1.583
              df/dt2 = df/dden * dden/dt2 = -0.7916 * 1 = -0.7916
              df/dnum = invden = 0.5121
              df/dx = df/dnum * dnum/dx + df/dt2 * dt2/dx + df/dt3 * dt3/dx = 0.5121 * 1 + -0.7916 * 0.04518 + 1.583 * 1 = 2.06
              df/dt1 = df/dnum * dnum/dt1 = 0.5121 * 1 = 0.5121
              df/dy = df/dt1 * dt1/dy + df/dt3 * dt3/dy = 0.5121 * 0.01766 + 1.583 * 1 = 1.592

            Chain rule
              df/dy = sum over 2 paths
                df/dnum * dnum/dt1 * dt1/dy = 0.5121 * 1 * 0.01766 = 0.009046
                df/dinvden * dinvden/dden * dden/dt4 * dt4/dt3 * dt3/dy = 3.018 * -0.2623 * 1 * -2 * 1 = 1.583
              df/dy = 0.009046 + 1.583 = 1.592
              df/dx = sum over 3 paths
                df/dnum * dnum/dx = 0.5121 * 1 = 0.5121
                df/dinvden * dinvden/dden * dden/dt2 * dt2/dx = 3.018 * -0.2623 * 1 * 0.04518 = -0.03576
                df/dinvden * dinvden/dden * dden/dt4 * dt4/dt3 * dt3/dx = 3.018 * -0.2623 * 1 * -2 * 1 = 1.583
              df/dx = 0.5121 + (-0.03576) + 1.583 = 2.06

            Gradients
              variable  value  df/dvariable
              y            -4         1.592
              x             3          2.06

            """;
        Assert.Equal(expected.ReplaceLineEndings("\n"), r.Stdout.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void ExplainNet_3221SigmoidSeed1_Golden()
    {
        var r = CliRunner.Run("explain-net", "--layers", "3,2,2,1", "--activation", "sigmoid", "--bias", "false", "--seed", "1", "--x", "1,2,3", "--y", "1");
        Assert.True(r.ExitCode == 0, r.Stderr);
        const string expected = """
            Network 3-2-2-1, f = sigmoid on every layer, no biases; loss L = (a31 - y)^2
            sample x1 = 1, x2 = 2, x3 = 3; y = 1

            Weights (seed 1: uniform in [-1, 1], rounded to 2 decimals)
              into a11: w1 = 0.41, w2 = 0.04, w3 = 0.15
              into a12: w4 = -0.22, w5 = 0.39, w6 = -0.71
              into a21: w7 = -0.86, w8 = -0.24
              into a22: w9 = 0.73, w10 = 0.1
              into a31: w11 = 0.87, w12 = 0.91

            Forward pass (z = weighted sum, a = f(z))
              a11 = f(w1*x1 + w2*x2 + w3*x3) = f(0.41*1 + 0.04*2 + 0.15*3) = f(0.94) = 0.7191
              a12 = f(w4*x1 + w5*x2 + w6*x3) = f((-0.22)*1 + 0.39*2 + (-0.71)*3) = f(-1.57) = 0.1722
              a21 = f(w7*a11 + w8*a12) = f((-0.86)*0.7191 + (-0.24)*0.1722) = f(-0.6598) = 0.3408
              a22 = f(w9*a11 + w10*a12) = f(0.73*0.7191 + 0.1*0.1722) = f(0.5422) = 0.6323
              a31 = f(w11*a21 + w12*a22) = f(0.87*0.3408 + 0.91*0.6323) = f(0.8719) = 0.7051
              L = (a31 - y)^2 = (0.7051 - 1)^2 = 0.08694

            Local derivatives (f = sigmoid, f'(z) = a * (1 - a))
              dL/da31 = 2 * (a31 - y) = 2 * (0.7051 - 1) = -0.5897
              da21/da11 = f'(z21) * w7 = 0.2247 * (-0.86) = -0.1932
              da21/da12 = f'(z21) * w8 = 0.2247 * (-0.24) = -0.05392
              da22/da11 = f'(z22) * w9 = 0.2325 * 0.73 = 0.1697
              da22/da12 = f'(z22) * w10 = 0.2325 * 0.1 = 0.02325
              da31/da21 = f'(z31) * w11 = 0.2079 * 0.87 = 0.1809
              da31/da22 = f'(z31) * w12 = 0.2079 * 0.91 = 0.1892
              da11/dw1 = f'(z11) * x1 = 0.202 * 1 = 0.202
              da11/dw2 = f'(z11) * x2 = 0.202 * 2 = 0.404
              da11/dw3 = f'(z11) * x3 = 0.202 * 3 = 0.606
              da12/dw4 = f'(z12) * x1 = 0.1426 * 1 = 0.1426
              da12/dw5 = f'(z12) * x2 = 0.1426 * 2 = 0.2851
              da12/dw6 = f'(z12) * x3 = 0.1426 * 3 = 0.4277
              da21/dw7 = f'(z21) * a11 = 0.2247 * 0.7191 = 0.1615
              da21/dw8 = f'(z21) * a12 = 0.2247 * 0.1722 = 0.03869
              da22/dw9 = f'(z22) * a11 = 0.2325 * 0.7191 = 0.1672
              da22/dw10 = f'(z22) * a12 = 0.2325 * 0.1722 = 0.04004
              da31/dw11 = f'(z31) * a21 = 0.2079 * 0.3408 = 0.07086
              da31/dw12 = f'(z31) * a22 = 0.2079 * 0.6323 = 0.1315

            Gradients by the chain rule (every path from L down to the weight; engine = Nabla's Backward)
              dL/dw1 = sum over 2 paths
                dL/da31 * da31/da21 * da21/da11 * da11/dw1 = (-0.5897) * 0.1809 * (-0.1932) * 0.202 = 0.004163
                dL/da31 * da31/da22 * da22/da11 * da11/dw1 = (-0.5897) * 0.1892 * 0.1697 * 0.202 = -0.003825
              dL/dw1 = 0.004163 + (-0.003825) = 0.0003378   (engine 0.0003378)
              dL/dw2 = sum over 2 paths
                dL/da31 * da31/da21 * da21/da11 * da11/dw2 = (-0.5897) * 0.1809 * (-0.1932) * 0.404 = 0.008326
                dL/da31 * da31/da22 * da22/da11 * da11/dw2 = (-0.5897) * 0.1892 * 0.1697 * 0.404 = -0.00765
              dL/dw2 = 0.008326 + (-0.00765) = 0.0006757   (engine 0.0006757)
              dL/dw3 = sum over 2 paths
                dL/da31 * da31/da21 * da21/da11 * da11/dw3 = (-0.5897) * 0.1809 * (-0.1932) * 0.606 = 0.01249
                dL/da31 * da31/da22 * da22/da11 * da11/dw3 = (-0.5897) * 0.1892 * 0.1697 * 0.606 = -0.01148
              dL/dw3 = 0.01249 + (-0.01148) = 0.001014   (engine 0.001014)
              dL/dw4 = sum over 2 paths
                dL/da31 * da31/da21 * da21/da12 * da12/dw4 = (-0.5897) * 0.1809 * (-0.05392) * 0.1426 = 0.0008199
                dL/da31 * da31/da22 * da22/da12 * da12/dw4 = (-0.5897) * 0.1892 * 0.02325 * 0.1426 = -0.0003698   [vanishing: gain 0.0006271]
              dL/dw4 = 0.0008199 + (-0.0003698) = 0.0004501   (engine 0.0004501)
              dL/dw5 = sum over 2 paths
                dL/da31 * da31/da21 * da21/da12 * da12/dw5 = (-0.5897) * 0.1809 * (-0.05392) * 0.2851 = 0.00164
                dL/da31 * da31/da22 * da22/da12 * da12/dw5 = (-0.5897) * 0.1892 * 0.02325 * 0.2851 = -0.0007396   [vanishing: gain 0.0006271]
              dL/dw5 = 0.00164 + (-0.0007396) = 0.0009002   (engine 0.0009002)
              dL/dw6 = sum over 2 paths
                dL/da31 * da31/da21 * da21/da12 * da12/dw6 = (-0.5897) * 0.1809 * (-0.05392) * 0.4277 = 0.00246
                dL/da31 * da31/da22 * da22/da12 * da12/dw6 = (-0.5897) * 0.1892 * 0.02325 * 0.4277 = -0.001109   [vanishing: gain 0.0006271]
              dL/dw6 = 0.00246 + (-0.001109) = 0.00135   (engine 0.00135)
              dL/dw7 = dL/da31 * da31/da21 * da21/dw7 = (-0.5897) * 0.1809 * 0.1615 = -0.01723   (engine -0.01723)
              dL/dw8 = dL/da31 * da31/da21 * da21/dw8 = (-0.5897) * 0.1809 * 0.03869 = -0.004127   (engine -0.004127)
              dL/dw9 = dL/da31 * da31/da22 * da22/dw9 = (-0.5897) * 0.1892 * 0.1672 = -0.01865   (engine -0.01865)
              dL/dw10 = dL/da31 * da31/da22 * da22/dw10 = (-0.5897) * 0.1892 * 0.04004 = -0.004467   (engine -0.004467)
              dL/dw11 = dL/da31 * da31/dw11 = (-0.5897) * 0.07086 = -0.04179   (engine -0.04179)
              dL/dw12 = dL/da31 * da31/dw12 = (-0.5897) * 0.1315 = -0.07753   (engine -0.07753)

            Path check
              3 path(s) vanishing (|gain| < 0.001): w4, w5, w6
              (gain = product of the factors between L and the weight's own neuron, f'(z) included.)

            Update (gradient descent: w = w - lr * dL/dw, lr = 0.1)
              w1 = 0.41 - 0.1 * 0.0003378 = 0.40997
              w2 = 0.04 - 0.1 * 0.0006757 = 0.03993
              w3 = 0.15 - 0.1 * 0.001014 = 0.1499
              w4 = -0.22 - 0.1 * 0.0004501 = -0.22005
              w5 = 0.39 - 0.1 * 0.0009002 = 0.3899
              w6 = -0.71 - 0.1 * 0.00135 = -0.7101
              w7 = -0.86 - 0.1 * (-0.01723) = -0.8583
              w8 = -0.24 - 0.1 * (-0.004127) = -0.2396
              w9 = 0.73 - 0.1 * (-0.01865) = 0.7319
              w10 = 0.1 - 0.1 * (-0.004467) = 0.1004
              w11 = 0.87 - 0.1 * (-0.04179) = 0.8742
              w12 = 0.91 - 0.1 * (-0.07753) = 0.9178
              new output 0.7066; new L = 0.0861 (was 0.08694)

            """;
        Assert.Equal(expected.ReplaceLineEndings("\n"), r.Stdout.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Descend_LectureTableThreeSteps_Golden()
    {
        var r = CliRunner.Run("descend", "--steps", "3");
        Assert.True(r.ExitCode == 0, r.Stderr);
        const string expected = """
            Gradient descent on the lecture's height/weight -> BMI table (4 rows, as in the lecture notes)
            model linear: bmi = w1*height + w2*weight + b; loss L = sum((y - y_hat)^2) / n over the batch's n rows; mode batch; lr = 1e-05
            gradients (engine Backward): dL/dwj = -(2/n) * sum over the batch of (y - y_hat) * xj, dL/db = -(2/n) * sum of (y - y_hat); update p = p - lr * dL/dp

            Data
              row  height  weight  bmi
              1       160      60   21
              2       170      65   22
              3       180      70   20
              4       190      71   18

            Start: w1 = 1, w2 = 1, b = 0; loss on all rows = 49229.75

            Step 1 (epoch 1): batch rows 1, 2, 3, 4
              row 1: y_hat = 1 * 160 + 1 * 60 + 0 = 220, y = 21, (y - y_hat)^2 / 4 = (21 - 220)^2 / 4 = 9900.25
              row 2: y_hat = 1 * 170 + 1 * 65 + 0 = 235, y = 22, (y - y_hat)^2 / 4 = (22 - 235)^2 / 4 = 11342.25
              row 3: y_hat = 1 * 180 + 1 * 70 + 0 = 250, y = 20, (y - y_hat)^2 / 4 = (20 - 250)^2 / 4 = 13225
              row 4: y_hat = 1 * 190 + 1 * 71 + 0 = 261, y = 18, (y - y_hat)^2 / 4 = (18 - 261)^2 / 4 = 14762.25
              batch loss L = 9900.25 + 11342.25 + 13225 + 14762.25 = 49229.75
              w1 = 1 - 1e-05 * 77810 = 0.2219
              w2 = 1 - 1e-05 * 29569 = 0.7043
              b = 0 - 1e-05 * 442.5 = -0.004425
              loss on all rows after the step = 4324

            Step 2 (epoch 2): batch rows 1, 2, 3, 4
              row 1: y_hat = 0.2219 * 160 + 0.7043 * 60 + (-0.004425) = 77.76, y = 21, (y - y_hat)^2 / 4 = (21 - 77.76)^2 / 4 = 805.3727
              row 2: y_hat = 0.2219 * 170 + 0.7043 * 65 + (-0.004425) = 83.5, y = 22, (y - y_hat)^2 / 4 = (22 - 83.5)^2 / 4 = 945.5233
              row 3: y_hat = 0.2219 * 180 + 0.7043 * 70 + (-0.004425) = 89.24, y = 20, (y - y_hat)^2 / 4 = (20 - 89.24)^2 / 4 = 1198.519
              row 4: y_hat = 0.2219 * 190 + 0.7043 * 71 + (-0.004425) = 92.16, y = 18, (y - y_hat)^2 / 4 = (18 - 92.16)^2 / 4 = 1375.022
              batch loss L = 805.3727 + 945.5233 + 1198.519 + 1375.022 = 4324.438
              w1 = 0.2219 - 1e-05 * 23045 = -0.00855
              w2 = 0.7043 - 1e-05 * 8758 = 0.6167
              b = -0.004425 - 1e-05 * 130.8 = -0.005733
              loss on all rows after the step = 385.5

            Step 3 (epoch 3): batch rows 1, 2, 3, 4
              row 1: y_hat = (-0.00855) * 160 + 0.6167 * 60 + (-0.005733) = 35.63, y = 21, (y - y_hat)^2 / 4 = (21 - 35.63)^2 / 4 = 53.51119
              row 2: y_hat = (-0.00855) * 170 + 0.6167 * 65 + (-0.005733) = 38.63, y = 22, (y - y_hat)^2 / 4 = (22 - 38.63)^2 / 4 = 69.1262
              row 3: y_hat = (-0.00855) * 180 + 0.6167 * 70 + (-0.005733) = 41.63, y = 20, (y - y_hat)^2 / 4 = (20 - 41.63)^2 / 4 = 116.9275
              row 4: y_hat = (-0.00855) * 190 + 0.6167 * 71 + (-0.005733) = 42.16, y = 18, (y - y_hat)^2 / 4 = (18 - 42.16)^2 / 4 = 145.9002
              batch loss L = 53.51119 + 69.1262 + 116.9275 + 145.9002 = 385.4651
              w1 = -0.00855 - 1e-05 * 6825 = -0.0768
              w2 = 0.6167 - 1e-05 * 2594 = 0.5908
              b = -0.005733 - 1e-05 * 38.52 = -0.006119
              loss on all rows after the step = 39.95

            Loss on all rows per step
              start       49230  ##############################
                  1        4324  ###
                  2       385.5  
                  3       39.95  

            """;
        Assert.Equal(expected.ReplaceLineEndings("\n"), r.Stdout.ReplaceLineEndings("\n"));
    }
}
